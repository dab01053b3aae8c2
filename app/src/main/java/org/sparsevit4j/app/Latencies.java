package org.sparsevit4j.app;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SparsityConfigJson;
import org.sparsevit4j.profiler.CalibratedTable;
import org.sparsevit4j.profiler.DeviceFingerprint;
import org.sparsevit4j.profiler.InputShape;
import org.sparsevit4j.profiler.LatencyBenchmark;
import org.sparsevit4j.profiler.LatencyResult;
import org.sparsevit4j.profiler.LatencyTable;
import org.sparsevit4j.profiler.LatencyTableBuilder;
import org.sparsevit4j.profiler.LatencyTableJson;
import org.sparsevit4j.profiler.MeasurementPlan;
import org.sparsevit4j.profiler.RandomConfigs;
import org.sparsevit4j.supernet.model.Precision;
import org.sparsevit4j.supernet.checkpoint.ModelSpec;

/**
 * Latency on the device at hand: the benchmark of dense and uniform configurations, the latency table
 * of a model and input, and configurations measured beside a table's predictions. Call
 * {@link Engines#start} first.
 */
public final class Latencies {

    /** Uniform ratios timed by {@link #bench} besides dense. */
    public static final double[] BENCH_RATIOS = {0.3, 0.6, 0.8};
    private static final int DEFAULT_SIDE = 672;

    /** Measured configurations, what was timed, and where. */
    public record Measurements(String header, List<LatencyResult> rows, DeviceFingerprint fingerprint,
            CalibratedTable predictions) {
    }

    /** A built table and where it was written. */
    public record Table(String header, LatencyTable table, Path file) {
    }

    private Latencies() {
    }

    /**
     * Times dense, uniform 0.3/0.6/0.8 (unless {@code uniform} is false) and each configuration file, round-robin.
     */
    public static Measurements bench(TimingSpec spec, boolean uniform, List<Path> configs, Progress progress) {
        ModelSpec fresh = fresh(spec);
        Resolution size = spec.resolution() != null ? spec.resolution() : Resolution.square(DEFAULT_SIDE);
        fresh.arch().stageSizes(size.height(), size.width()); // an image smaller than a patch, up front
        Device device = Engines.device(spec.device());
        InputShape input = new InputShape(spec.batch() != null ? spec.batch() : 1, size.height(), size.width(),
                Engines.precision(spec.dtype(), device, progress));
        try (TimedModel timed = TimedModel.open(fresh, spec.model().weights(), input, device)) {
            requireArch(spec, timed, fresh);
            ArchitectureSpec arch = timed.model().arch();
            List<LatencyBenchmark.Entry> entries = new ArrayList<>();
            entries.add(new LatencyBenchmark.Entry("dense", SparsityConfig.dense(arch)));
            if (uniform) {
                for (double r : BENCH_RATIOS) {
                    entries.add(new LatencyBenchmark.Entry(String.format(Locale.ROOT, "uniform %.1f", r),
                            SparsityConfig.uniform(arch, r)));
                }
            }
            for (Path file : configs) {
                entries.add(new LatencyBenchmark.Entry(file.getFileName().toString(), SparsityConfigJson.read(file, arch)));
            }
            MeasurementPlan plan = spec.plan();
            String header = String.format(Locale.ROOT, "bench %s %s at %s on %s: %d configurations, %d warm-up + %d "
                    + "timed passes each", arch.name(), timed.timer().head().describe(), input.describe(),
                    timed.fingerprint().describe(), entries.size(), plan.warmup(), plan.runs());
            progress.phase(header);
            List<LatencyResult> rows = LatencyBenchmark.run(timed.timer(), entries, plan, rounds(plan, progress));
            return new Measurements(header, rows, timed.fingerprint(), null);
        }
    }

    /** Builds the latency table of the spec's model and input on its device and writes it to {@code out}. */
    public static Table buildTable(TimingSpec spec, int contexts, Path out, Progress progress) {
        OutputPaths.requireWritableFile(out, "--out");
        ModelSpec fresh = fresh(spec);
        Device device = Engines.device(spec.device());
        InputShape input = new InputShape(spec.batch() != null ? spec.batch() : 1, spec.resolution() != null
                ? spec.resolution().height() : DEFAULT_SIDE, spec.resolution() != null ? spec.resolution().width()
                : DEFAULT_SIDE, Engines.precision(spec.dtype(), device, progress));
        try (TimedModel timed = TimedModel.open(fresh, spec.model().weights(), input, device)) {
            requireArch(spec, timed, fresh);
            MeasurementPlan plan = spec.plan();
            String header = String.format(Locale.ROOT, "latency table of %s %s at %s on %s: 9 uniform + %d random "
                    + "configurations x (%d warm-up + %d timed passes)", timed.model().arch().name(),
                    timed.timer().head().describe(), input.describe(), timed.fingerprint().describe(), contexts,
                    plan.warmup(), plan.runs());
            progress.phase(header);
            LatencyTable built = LatencyTableBuilder.build(timed.timer(), plan, contexts, timed.fingerprint(),
                    rounds(plan, progress));
            LatencyTableJson.write(built, out);
            return new Table(header, built, out);
        }
    }

    /**
     * Measures dense, each configuration file and {@code random} random configurations (seeded), with a
     * table's predictions beside them: re-anchored to this process unless {@code noAnchor}.
     *
     * @param tableFile a latency table, or null; the model, input and precision default to its own
     */
    public static Measurements profile(TimingSpec spec, Path tableFile, List<Path> configs, Integer random, long seed,
            boolean noAnchor, Progress progress) {
        if (random != null && random < 1) {
            throw new InvalidInputException("--random " + random + " must be at least 1");
        }
        LatencyTable table = tableFile == null ? null : LatencyTableJson.read(tableFile);
        spec.model().requireConsistent();
        ModelSpec fresh = table != null && spec.model().unspecified()
                ? ModelChoice.specOf(table.arch(), table.head()) : spec.model().freshSpec("swin_t");
        Device device = Engines.device(spec.device());
        InputShape input = inputFor(spec, table, precisionFor(spec, table, device, progress));
        try (TimedModel timed = TimedModel.open(fresh, spec.model().weights(), input, device)) {
            ArchitectureSpec arch = timed.model().arch();
            List<LatencyBenchmark.Entry> entries = new ArrayList<>();
            entries.add(new LatencyBenchmark.Entry("dense", SparsityConfig.dense(arch)));
            for (Path file : configs) {
                entries.add(new LatencyBenchmark.Entry(file.getFileName().toString(), SparsityConfigJson.read(file, arch)));
            }
            if (random != null) {
                List<SparsityConfig> drawn = RandomConfigs.draw(arch, random, seed);
                for (int k = 0; k < drawn.size(); k++) {
                    entries.add(new LatencyBenchmark.Entry("random " + (k + 1), drawn.get(k)));
                }
            }
            CalibratedTable predictions = null;
            if (table != null) {
                table.requireApplies(tableFile.toString(), arch, timed.timer().head(), timed.fingerprint());
                if (noAnchor) {
                    predictions = CalibratedTable.unanchored(table);
                } else {
                    progress.phase("re-anchoring the table: plain passes at uniform 0.0/0.4/0.8");
                    predictions = CalibratedTable.anchor(table, timed.timer(), CalibratedTable.ANCHOR_PLAN);
                    progress.line(predictions.description());
                }
            }
            String header = String.format(Locale.ROOT, "measuring %d configurations of %s %s at %s on %s",
                    entries.size(), arch.name(), timed.timer().head().describe(), input.describe(),
                    timed.fingerprint().describe());
            progress.phase(header);
            List<LatencyResult> rows = LatencyBenchmark.run(timed.timer(), entries, spec.plan(),
                    rounds(spec.plan(), progress));
            return new Measurements(header, rows, timed.fingerprint(), predictions);
        }
    }

    /** Times the configurations of the model in {@code weights} on the CPU, batch 1, round-robin. */
    public static List<LatencyResult> measure(Path weights, Resolution size, List<SparsityConfig> configs,
            MeasurementPlan plan) {
        List<LatencyBenchmark.Entry> entries = new ArrayList<>();
        for (int k = 0; k < configs.size(); k++) {
            entries.add(new LatencyBenchmark.Entry("config " + k, configs.get(k)));
        }
        try (TimedModel timed = TimedModel.open(null, weights, new InputShape(1, size.height(), size.width()),
                Device.cpu())) {
            return LatencyBenchmark.run(timed.timer(), entries, plan, line -> { });
        }
    }

    private static ModelSpec fresh(TimingSpec spec) {
        spec.model().requireConsistent();
        return spec.model().freshSpec("swin_t");
    }

    private static void requireArch(TimingSpec spec, TimedModel timed, ModelSpec fresh) {
        if (spec.model().weights() != null && spec.model().arch() != null) {
            timed.requireArch(fresh.arch(), "--arch");
        }
    }

    /** Progress per finished round of timed passes. */
    private static java.util.function.Consumer<String> rounds(MeasurementPlan plan, Progress progress) {
        int[] done = {0};
        return line -> {
            done[0]++;
            progress.step(Math.min(done[0], plan.runs()), plan.runs(), line);
        };
    }

    /** The spec's input (672x672, batch 1 where it says nothing), or with a table the table's, which the spec must agree with. */
    private static InputShape inputFor(TimingSpec spec, LatencyTable table, Precision precision) {
        Resolution resolution = spec.resolution();
        Integer batch = spec.batch();
        if (table == null) {
            return new InputShape(batch == null ? 1 : batch, resolution == null ? DEFAULT_SIDE : resolution.height(),
                    resolution == null ? DEFAULT_SIDE : resolution.width(), precision);
        }
        InputShape measured = table.input();
        if (resolution != null && (resolution.height() != measured.height() || resolution.width() != measured.width())) {
            throw new InvalidInputException("--resolution " + resolution + " differs from the table's "
                    + measured.resolution() + "; a table predicts only the input it was measured at");
        }
        if (batch != null && batch != measured.batch()) {
            throw new InvalidInputException("--batch " + batch + " differs from the table's " + measured.batch()
                    + "; a table predicts only the input it was measured at");
        }
        return measured;
    }

    /** The spec's precision, or with a table the table's, which a precision given must agree with. */
    private static Precision precisionFor(TimingSpec spec, LatencyTable table, Device device, Progress progress) {
        Precision given = Engines.precision(spec.dtype(), device, progress);
        if (table == null) {
            return given;
        }
        Precision measured = table.input().precision();
        if (spec.dtype() != null && given != measured) {
            throw new InvalidInputException("--dtype " + given.cliName() + " differs from the table's "
                    + measured.cliName() + "; a table predicts only the precision it was measured in");
        }
        measured.checkOn(device);
        return measured;
    }
}
