package org.sparsevit4j.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SparsityConfigJson;
import org.sparsevit4j.profiler.LatencyBenchmark;
import org.sparsevit4j.profiler.LatencyResult;
import org.sparsevit4j.supernet.model.SwinClassifier;
import org.sparsevit4j.supernet.weights.SwinWeights;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sparsevit bench}: measured forward latency of dense and sparse configurations. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Forward latency of the dense model and of each configuration (median and spread after "
                + "warm-up), next to its MAC fraction.")
public final class BenchCommand implements Callable<Integer> {

    private static final double[] DEFAULT_UNIFORM = {0.3, 0.6, 0.8};

    @Spec
    CommandSpec spec;

    @Mixin
    ArchOption arch;

    @Option(names = "--resolution", paramLabel = "SIZE", defaultValue = "672", converter = Resolution.Converter.class,
            description = "Input size: a side (672) or height x width (256x192). Default: ${DEFAULT-VALUE}.")
    Resolution resolution;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1", description = "Images per pass. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--config", paramLabel = "FILE", description = "A configuration to time (repeatable).")
    List<Path> configs = new ArrayList<>();

    @Option(names = "--uniform", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also time uniform 0.3, 0.6 and 0.8 (default; --no-uniform leaves them out).")
    boolean uniform;

    @Option(names = "--weights", paramLabel = "FILE",
            description = "Weights to time (default: freshly initialized; latency does not depend on the values).")
    Path weights;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "10", description = "Timed passes per configuration. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "3", description = "Untimed passes per configuration first. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--json", description = "Print one JSON array of rows.")
    boolean json;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() {
        ArchitectureSpec model = arch.orDefault("swin_t");
        model.stageSizes(resolution.height(), resolution.width()); // rejects an image smaller than a patch, up front
        LatencyBenchmark.Settings settings = new LatencyBenchmark.Settings(batch, resolution.height(),
                resolution.width(), warmup, runs);
        List<LatencyBenchmark.Entry> entries = new ArrayList<>();
        entries.add(new LatencyBenchmark.Entry("dense", SparsityConfig.dense(model)));
        if (uniform) {
            for (double r : DEFAULT_UNIFORM) {
                entries.add(new LatencyBenchmark.Entry(String.format(Locale.ROOT, "uniform %.1f", r),
                        SparsityConfig.uniform(model, r)));
            }
        }
        for (Path file : configs) {
            entries.add(new LatencyBenchmark.Entry(file.getFileName().toString(), SparsityConfigJson.read(file, model)));
        }
        PrintWriter err = spec.commandLine().getErr();
        threads.apply();
        List<LatencyResult> rows;
        try (NDManager manager = NDManager.newBaseManager(); SwinClassifier classifier = load(model, manager)) {
            err.printf(Locale.ROOT, "bench %s at %s, batch %d: %d configurations, %d warm-up + %d timed passes each%n",
                    classifier.arch().name(), resolution, batch, entries.size(), warmup, runs);
            err.flush();
            rows = LatencyBenchmark.run(classifier, manager, entries, settings, line -> {
                err.println("  " + line);
                err.flush();
            });
        }
        print(rows);
        return 0;
    }

    private SwinClassifier load(ArchitectureSpec model, NDManager manager) {
        if (weights == null) {
            SwinClassifier classifier = new SwinClassifier(model);
            classifier.initialize(manager, DataType.FLOAT32, new Shape(batch, model.inChannels(), resolution.height(),
                    resolution.width()));
            return classifier;
        }
        try (SwinWeights file = SwinWeights.open(weights)) {
            return file.newModel(manager, model.withNumClasses(file.inferArchitecture().numClasses()));
        }
    }

    private void print(List<LatencyResult> rows) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> array = new ArrayList<>();
            for (LatencyResult r : rows) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", r.name());
                row.put("ratios", r.config().ratios());
                row.put("macs", r.macs());
                row.put("mac_fraction", r.macFraction());
                row.put("latency_ms_median", r.medianMs());
                row.put("latency_ms_min", r.minMs());
                row.put("latency_ms_max", r.maxMs());
                row.put("latency_ms_iqr", r.iqrMs());
                row.put("latency_fraction", r.latencyFraction());
                row.put("runs", r.runs());
                array.add(row);
            }
            out.println(Json.write(array));
            return;
        }
        out.printf(Locale.ROOT, "%-24s %8s %9s %11s %9s %9s %13s%n", "configuration", "GMACs", "MAC frac",
                "median ms", "min ms", "IQR ms", "latency frac");
        for (LatencyResult r : rows) {
            out.printf(Locale.ROOT, "%-24s %8.3f %9.3f %11.1f %9.1f %9.1f %13.3f%n", r.name(), r.macs() / 1e9,
                    r.macFraction(), r.medianMs(), r.minMs(), r.iqrMs(), r.latencyFraction());
        }
    }
}
