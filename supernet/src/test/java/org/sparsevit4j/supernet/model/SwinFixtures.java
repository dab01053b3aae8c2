package org.sparsevit4j.supernet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.supernet.io.SafetensorsReader;
import org.sparsevit4j.supernet.weights.DeterministicWeights;
import org.sparsevit4j.supernet.weights.ParameterNames;

/**
 * The torchvision references of {@code tools/fixtures/make_swin_fixtures.py}: cases (architecture,
 * input size, configuration) and their expected logits and pooled features, plus the weights and
 * inputs, rebuilt from {@link DeterministicWeights} exactly as the script drew them.
 */
public final class SwinFixtures implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Our pass runs in float32 (unit roundoff u = 2^-24 = 6.0e-8) against a float64 reference
     * rounded to float32 (half a unit in the last place more). Rounding errors of a float32 pass
     * scale with the magnitude of the values, so the bound does too: relative to the largest
     * |value| of each output, not element by element (a logit near 0 is the difference of large
     * terms and carries their absolute error). Measured on this project's AMD EPYC (2026-11-30,
     * {@code mvn -B -pl supernet -am test -Dtest=TorchvisionParityTest
     * -Dsurefire.failIfNoSpecifiedTests=false}), the worst of the 13 cases was 4.3e-7 of the largest
     * magnitude (7u) and 7.2e-7 absolute (Swin-T's pooled features, magnitude 1.8) with MKL's AVX-512
     * kernels, the default; with the generic kernels (the shim not preloaded) 4.1e-7 and 6.0e-7; the
     * H200 gave 4.8e-7 absolute. 1e-6 (17u) leaves a factor of 2 for other kernels' summation orders;
     * the bound before, 1e-4 absolute, was 60 to 200 times looser.
     */
    public static final float PARITY_RELATIVE = 1e-6f;
    /**
     * A floor for outputs of small magnitude, where a few units in the last place of the
     * intermediate values (of magnitude 1, after each layer norm) dominate: 1e-7 is under 2u of 1.
     */
    public static final float PARITY_ABSOLUTE = 1e-7f;

    /**
     * The largest difference from {@code reference} that a float32 pass of the same weights may
     * show: {@link #PARITY_ABSOLUTE} + {@link #PARITY_RELATIVE} times its largest magnitude.
     */
    public static float parityBound(float[] reference) {
        float largest = 0;
        for (float v : reference) {
            largest = Math.max(largest, Math.abs(v));
        }
        return PARITY_ABSOLUTE + PARITY_RELATIVE * largest;
    }

    /**
     * One reference case; {@code weights} is {@code f32} (the deterministic weights), {@code bf16}
     * (the same rounded to bfloat16) or the name of a committed weight file.
     */
    public record Case(String name, String arch, int batch, int height, int width, SparsityConfig config,
            String weights, int inputAttempt) {
    }

    private final SafetensorsReader reader;
    private final JsonNode archs;
    private final List<Case> cases = new ArrayList<>();

    private SwinFixtures(Path file) {
        reader = SafetensorsReader.open(file);
        try {
            archs = JSON.readTree(reader.metadata().get("archs"));
            for (JsonNode c : JSON.readTree(reader.metadata().get("cases"))) {
                List<List<Double>> ratios = JSON.convertValue(c.get("ratios"),
                        JSON.getTypeFactory().constructCollectionType(List.class,
                                JSON.getTypeFactory().constructCollectionType(List.class, Double.class)));
                cases.add(new Case(c.get("case").asText(), c.get("arch").asText(), c.get("batch").asInt(),
                        c.get("height").asInt(), c.get("width").asInt(), SparsityConfig.ofRatios(ratios),
                        c.get("weights").asText(), c.get("input_attempt").asInt()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SwinFixtures load() {
        return new SwinFixtures(resource("swin_reference.safetensors"));
    }

    /** A committed fixture file (copied out when it sits in a jar, as it does for other modules' tests). */
    public static Path resource(String name) {
        URL url = SwinFixtures.class.getResource("/fixtures/" + name);
        if (url == null) {
            throw new IllegalStateException("no fixture " + name);
        }
        try {
            if (url.getProtocol().equals("file")) {
                return Path.of(url.toURI());
            }
            Path copy = Files.createTempFile("fixture-", "-" + name);
            copy.toFile().deleteOnExit();
            try (InputStream in = url.openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The path of a committed fixture file as a string, or "" when there is no such fixture. */
    public static String resourceOrNull(String name) {
        return SwinFixtures.class.getResource("/fixtures/" + name) == null ? "" : resource(name).toString();
    }

    /** The cases run with the deterministic float32 weights. */
    public List<Case> f32Cases() {
        return cases.stream().filter(c -> c.weights().equals("f32")).toList();
    }

    public List<Case> cases() {
        return cases;
    }

    public Case get(String name) {
        return cases.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    public ArchitectureSpec arch(String name) {
        if (name.equals("swin_t")) {
            return ArchitectureSpec.preset("swin_t");
        }
        JsonNode a = archs.get(name);
        return new ArchitectureSpec(name, a.get("patch").asInt(), 3, a.get("embed_dim").asInt(),
                JSON.convertValue(a.get("depths"), JSON.getTypeFactory().constructCollectionType(List.class, Integer.class)),
                JSON.convertValue(a.get("heads"), JSON.getTypeFactory().constructCollectionType(List.class, Integer.class)),
                a.get("window").asInt(), a.get("mlp_ratio").asDouble(), a.get("classes").asInt());
    }

    public float[] expected(Case c, String output) {
        return reader.readFloats(c.name() + "/" + output);
    }

    /**
     * Fails unless {@code errors} ({@link #errors} of case {@code c}) are within
     * {@link #parityBound} of the case's logits and pooled features.
     */
    public void requireParity(Case c, float[] errors) {
        float logits = parityBound(expected(c, "logits"));
        float pooled = parityBound(expected(c, "pooled"));
        if (errors[0] > logits || errors[1] > pooled) {
            throw new AssertionError(String.format("%s: logits off by %.2e (bound %.2e), pooled features by %.2e "
                    + "(bound %.2e)", c.name(), errors[0], logits, errors[1], pooled));
        }
    }

    /** Runs a case on a model and returns how far logits and pooled features are from the reference. */
    public float[] errors(SwinClassifier model, NDManager manager, Case c) {
        try (NDManager scope = manager.newSubManager()) {
            NDList out = model.classify(new ParameterStore(scope, false), input(scope, c), c.config(), false);
            return new float[] {
                maxAbsDiff(out.get(0).toFloatArray(), expected(c, "logits")),
                maxAbsDiff(out.get(1).toFloatArray(), expected(c, "pooled")),
            };
        }
    }

    public NDArray input(NDManager manager, Case c) {
        float[] data = DeterministicWeights.input(c.batch(), 3, c.height(), c.width(), c.inputAttempt(),
                DeterministicWeights.FIXTURE_SEED);
        return manager.create(data, new Shape(c.batch(), 3, c.height(), c.width()));
    }

    /** A classifier of {@code arch}, initialized on {@code manager}, holding the fixture weights. */
    public static SwinClassifier model(NDManager manager, ArchitectureSpec arch, UnaryOperator<float[]> rounding) {
        SwinClassifier model = new SwinClassifier(arch);
        model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 224, 224));
        for (Map.Entry<String, Parameter> e : ParameterNames.of(model).entrySet()) {
            Parameter p = e.getValue();
            float[] values = DeterministicWeights.parameter(e.getKey(), p.getArray().getShape().getShape(),
                    DeterministicWeights.FIXTURE_SEED);
            p.getArray().set(FloatBuffer.wrap(rounding.apply(values)));
        }
        return model;
    }

    /** A classifier of {@code arch} in {@code precision}, holding the fixture weights cast to it. */
    public static SwinClassifier model(NDManager manager, ArchitectureSpec arch, Precision precision) {
        SwinClassifier model = new SwinClassifier(arch);
        precision.initialize(model, manager, new Shape(1, 3, 224, 224));
        try (NDManager scope = manager.newSubManager(); SwinClassifier values = model(scope, arch, UnaryOperator.identity())) {
            Precision.copyValues(values, model);
        }
        return model;
    }

    public static float maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        }
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    @Override
    public void close() {
        reader.close();
    }
}
