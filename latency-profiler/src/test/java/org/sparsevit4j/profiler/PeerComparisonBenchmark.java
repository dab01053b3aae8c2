package org.sparsevit4j.profiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.MacCounter;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.supernet.engine.FastPaths;
import org.sparsevit4j.supernet.model.SwinClassifier;

/**
 * Our Swin-T at 672x672, batch 1, dense and pruned, beside torchvision's Swin-T run by ONNX Runtime
 * and by DJL's TorchScript path, in one process, the passes of all of them alternating (shuffled
 * round-robin, {@link LatencyMeasurement}). The peers' models come from
 * {@code tools/peers/export_swin_t.py} (Debian's python3-torchvision) into {@code target/peers/} of
 * the checkout; without them only ours are timed, and the benchmark says so.
 *
 * <p>Run: {@code mvn -B -pl latency-profiler -am test -Dtest=PeerComparisonBenchmark
 * -Dsparsevit.excludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false}; threads from
 * SPARSEVIT_BENCH_THREADS (default: the machine's cores), passes from SPARSEVIT_BENCH_RUNS (10).
 */
@Tag("benchmark")
class PeerComparisonBenchmark {

    private static final int SIDE = 672;
    private static final double[] RATIOS = {0.3, 0.6, 0.8};

    @Test
    void oursBesideOnnxRuntimeAndTorchScript() throws Exception {
        int threads = Integer.parseInt(System.getenv().getOrDefault("SPARSEVIT_BENCH_THREADS",
                Integer.toString(Runtime.getRuntime().availableProcessors())));
        int runs = Integer.parseInt(System.getenv().getOrDefault("SPARSEVIT_BENCH_RUNS", "10"));
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(threads);
        Path peers = Path.of(System.getProperty("sparsevit.peers", "../target/peers"));
        Path onnx = peers.resolve("swin_t_" + SIDE + ".onnx");
        Path script = peers.resolve("swin_t_" + SIDE + ".pt");
        ArchitectureSpec arch = ArchitectureSpec.preset("swin_t");
        List<String> names = new ArrayList<>();
        List<DoubleSupplier> passes = new ArrayList<>();
        List<Double> macFractions = new ArrayList<>();
        long denseMacs = MacCounter.count(arch, SIDE, SIDE, SparsityConfig.dense(arch)).backbone();

        try (NDManager manager = NDManager.newBaseManager(Device.cpu()); SwinClassifier ours = new SwinClassifier(arch);
                OrtEnvironment env = OrtEnvironment.getEnvironment()) {
            ours.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 224, 224));
            ForwardTimer timer = new ForwardTimer(ours, manager, new InputShape(1, SIDE, SIDE));
            List<SparsityConfig> configs = new ArrayList<>(List.of(SparsityConfig.dense(arch)));
            for (double r : RATIOS) {
                configs.add(SparsityConfig.uniform(arch, r));
            }
            for (SparsityConfig c : configs) {
                names.add(c.isDense() ? "ours, dense" : "ours, uniform " + c.ratio(0, 0));
                passes.add(() -> timer.passMs(c));
                macFractions.add((double) MacCounter.count(arch, SIDE, SIDE, c).backbone() / denseMacs);
            }
            float[] pixels = new float[3 * SIDE * SIDE];
            java.util.Random random = new java.util.Random(7);
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (float) random.nextGaussian();
            }
            OrtSession session = null;
            OnnxTensor input = null;
            Model torchScript = null;
            NDArray scriptInput = null;
            if (Files.isRegularFile(onnx)) {
                OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                options.setIntraOpNumThreads(threads);
                options.setInterOpNumThreads(1);
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                session = env.createSession(onnx.toString(), options);
                input = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), new long[] {1, 3, SIDE, SIDE});
                OrtSession s = session;
                OnnxTensor in = input;
                names.add("ONNX Runtime, dense");
                passes.add(() -> {
                    long start = System.nanoTime();
                    try (OrtSession.Result out = s.run(Map.of("images", in))) {
                        float[][] logits = (float[][]) out.get(0).getValue();
                        assertEquals(1000, logits[0].length);
                    } catch (ai.onnxruntime.OrtException e) {
                        throw new IllegalStateException(e);
                    }
                    return (System.nanoTime() - start) / 1e6;
                });
                macFractions.add(1.0);
            }
            if (Files.isRegularFile(script)) {
                torchScript = Model.newInstance("swin_t", Device.cpu(), "PyTorch");
                torchScript.load(script);
                scriptInput = manager.create(pixels, new Shape(1, 3, SIDE, SIDE));
                Model m = torchScript;
                NDArray in = scriptInput;
                names.add("DJL TorchScript, dense");
                passes.add(() -> {
                    try (NDManager pass = manager.newSubManager()) {
                        long start = System.nanoTime();
                        NDList out = m.getBlock().forward(new ParameterStore(pass, false), new NDList(in), false);
                        float[] logits = out.get(0).toFloatArray();
                        assertEquals(1000, logits.length);
                        return (System.nanoTime() - start) / 1e6;
                    }
                });
                macFractions.add(1.0);
            }
            if (session == null || torchScript == null) {
                System.out.println("peers missing in " + peers.toAbsolutePath() + " (" + (session == null ? onnx.getFileName()
                        + " " : "") + (torchScript == null ? script.getFileName() : "") + "): timing ours only; make them "
                        + "with /usr/bin/python3 tools/peers/export_swin_t.py");
            }
            boolean gradMode = JniUtils.isGradMode();
            JniUtils.setGradMode(false);
            List<Measured> measured = LatencyMeasurement.items(passes.size(), i -> passes.get(i).getAsDouble(),
                    new MeasurementPlan(3, runs, MeasurementPlan.DEFAULT_MAX_SPREAD, 1), line -> { });
            JniUtils.setGradMode(gradMode);
            double oursDense = measured.get(0).summary().medianMs();
            int ortIndex = session != null ? configs.size() : -1;
            double ort = ortIndex >= 0 ? measured.get(ortIndex).summary().medianMs() : Double.NaN;
            System.out.printf(Locale.ROOT, "Swin-T %dx%d, batch 1, %d threads, fast paths: %s, median of %d passes%n", SIDE,
                    SIDE, threads, FastPaths.describe(), runs);
            System.out.printf(Locale.ROOT, "%-26s %9s %9s %9s %12s %8s%n", "model", "median ms", "IQR ms", "MAC frac",
                    "lat frac", "vs ORT");
            for (int i = 0; i < names.size(); i++) {
                LatencySummary s = measured.get(i).summary();
                assertTrue(s.medianMs() > 0);
                System.out.printf(Locale.ROOT, "%-26s %9.1f %9.1f %9.3f %12.3f %8s%s%n", names.get(i), s.medianMs(),
                        s.iqrMs(), macFractions.get(i), s.medianMs() / oursDense, Double.isNaN(ort) ? "-"
                                : String.format(Locale.ROOT, "%.2fx", s.medianMs() / ort),
                        measured.get(i).noisy() ? "  NOISY" : "");
            }
            if (input != null) {
                input.close();
                session.close();
            }
            if (torchScript != null) {
                torchScript.close();
            }
            timer.close();
        }
    }
}
