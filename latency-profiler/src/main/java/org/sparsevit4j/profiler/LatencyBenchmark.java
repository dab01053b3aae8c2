package org.sparsevit4j.profiler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.MacCounter;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.supernet.model.SwinClassifier;

/**
 * Forward latency of sparsity configurations on the device the model lives on, next to their MAC
 * fractions: what {@code sparsevit bench} reports.
 *
 * <p>Every configuration is warmed up first; then the timed passes go round-robin over the
 * configurations, so that drift of the machine (other load, frequency) spreads over all of them
 * alike and the latency fractions compare like with like. Each pass runs in its own scope.
 */
public final class LatencyBenchmark {

    /** A configuration to time, under a name for the report. */
    public record Entry(String name, SparsityConfig config) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(config, "config");
        }
    }

    /** How to time: input shape, warm-up and timed passes per configuration. */
    public record Settings(int batch, int height, int width, int warmup, int runs) {
        public Settings {
            if (batch < 1) {
                throw new InvalidInputException("--batch " + batch + " must be at least 1");
            }
            if (warmup < 0) {
                throw new InvalidInputException("--warmup " + warmup + " must not be negative");
            }
            if (runs < 1) {
                throw new InvalidInputException("--runs " + runs + " must be at least 1");
            }
        }
    }

    private LatencyBenchmark() {
    }

    /**
     * Times {@code entries} (the first is the baseline the fractions refer to; pass the dense
     * configuration there).
     *
     * @param progress receives a line per finished round, for a progress display
     */
    public static List<LatencyResult> run(SwinClassifier model, NDManager manager, List<Entry> entries,
            Settings settings, Consumer<String> progress) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("nothing to time");
        }
        ArchitectureSpec arch = model.arch();
        Shape shape = new Shape(settings.batch(), arch.inChannels(), settings.height(), settings.width());
        double[][] samples = new double[entries.size()][settings.runs()];
        try (NDManager inputs = manager.newSubManager()) {
            NDArray images = inputs.randomNormal(shape);
            for (int e = 0; e < entries.size(); e++) {
                for (int i = 0; i < settings.warmup(); i++) {
                    time(model, images, entries.get(e).config());
                }
            }
            for (int r = 0; r < settings.runs(); r++) {
                for (int e = 0; e < entries.size(); e++) {
                    samples[e][r] = time(model, images, entries.get(e).config());
                }
                progress.accept("round " + (r + 1) + "/" + settings.runs());
            }
        }
        long denseMacs = MacCounter.count(arch, settings.height(), settings.width(), SparsityConfig.dense(arch))
                .backbone();
        double baseline = median(samples[0]);
        List<LatencyResult> results = new ArrayList<>(entries.size());
        for (int e = 0; e < entries.size(); e++) {
            Entry entry = entries.get(e);
            long macs = MacCounter.count(arch, settings.height(), settings.width(), entry.config()).backbone();
            double[] sorted = samples[e].clone();
            Arrays.sort(sorted);
            results.add(new LatencyResult(entry.name(), entry.config(), macs, (double) macs / denseMacs,
                    median(sorted), sorted[0], sorted[sorted.length - 1], quantile(sorted, 0.75) - quantile(sorted, 0.25),
                    median(sorted) / baseline, sorted.length));
        }
        return results;
    }

    /** Milliseconds of one forward pass, output materialized. */
    private static double time(SwinClassifier model, NDArray images, SparsityConfig config) {
        try (NDManager pass = images.getManager().newSubManager()) {
            long start = System.nanoTime();
            model.classify(new ParameterStore(pass, false), images, config, false).get(0).toFloatArray();
            return (System.nanoTime() - start) / 1e6;
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return quantile(sorted, 0.5);
    }

    /** Linear-interpolation quantile of sorted values (numpy's default). */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(low + 1, sorted.length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }
}
