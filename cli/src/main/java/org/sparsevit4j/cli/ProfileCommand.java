package org.sparsevit4j.cli;

import ai.djl.Device;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SparsityConfigJson;
import org.sparsevit4j.profiler.CalibratedTable;
import org.sparsevit4j.profiler.InputShape;
import org.sparsevit4j.profiler.LatencyBenchmark;
import org.sparsevit4j.profiler.LatencyResult;
import org.sparsevit4j.profiler.LatencyTable;
import org.sparsevit4j.profiler.LatencyTableBuilder;
import org.sparsevit4j.profiler.LatencyTableJson;
import org.sparsevit4j.profiler.MeasurementPlan;
import org.sparsevit4j.profiler.RandomConfigs;
import org.sparsevit4j.supernet.model.Precision;
import org.sparsevit4j.supernet.train.ModelSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sparsevit profile}: builds the latency table of an architecture, input and device
 * ({@code --build-table}), or measures configurations and shows the table's prediction beside each.
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = {"Latency on the device at hand.",
            "  --build-table --out T.json: time every block at every ratio, the window ranking and the dense parts, "
                    + "and save the table the search predicts latency with.",
            "  --config FILE... | --random N: measure configurations, with the table's prediction beside each "
                    + "(--table T.json)."})
public final class ProfileCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--build-table", description = "Build a latency table (needs --out).")
    boolean buildTable;

    @Option(names = "--out", paramLabel = "T.json", description = "Where --build-table writes the table.")
    Path out;

    @Option(names = "--contexts", paramLabel = "N", defaultValue = "" + LatencyTableBuilder.DEFAULT_RANDOM_CONTEXTS,
            description = "Random configurations whose passes --build-table times besides the nine uniform ones, so "
                    + "that each entry is also timed among other levels. Default: ${DEFAULT-VALUE}.")
    int contexts;

    @Option(names = "--table", paramLabel = "T.json", description = "A latency table whose predictions to show.")
    Path table;

    @Option(names = "--config", paramLabel = "FILE", description = "A configuration to measure (repeatable).")
    List<Path> configs = new ArrayList<>();

    @Option(names = "--random", paramLabel = "N", description = "Measure N random valid configurations (pairs of "
            + "blocks share a ratio, as in the paper).")
    Integer random;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of --random. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin
    TimedModelOptions model;

    @Mixin
    PrecisionOption precision;

    @Option(names = "--no-anchor", description = "Show the table's predictions as built, without re-anchoring them to "
            + "this process (see the README's Latency section).")
    boolean noAnchor;

    @Option(names = "--resolution", paramLabel = "SIZE", converter = Resolution.Converter.class,
            description = "Input size: a side (672) or height x width. Default: the table's, else 672.")
    Resolution resolution;

    @Option(names = "--batch", paramLabel = "N", description = "Images per pass. Default: the table's, else 1.")
    Integer batch;

    @Mixin
    MeasurementOptions measurement;

    @Option(names = "--json", description = "Print one JSON array of rows (ratios, measured_ms_median, predicted_ms, ...).")
    boolean json;

    @Mixin
    DeviceOption device;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() {
        if (buildTable) {
            return build();
        }
        if (out != null) {
            throw new InvalidInputException("--out is where --build-table writes; to measure configurations leave it out");
        }
        if (configs.isEmpty() && random == null) {
            throw new InvalidInputException("give --build-table --out T.json, or configurations to measure: --config FILE "
                    + "or --random N");
        }
        return measure();
    }

    private int build() {
        if (out == null) {
            throw new InvalidInputException("--build-table needs --out T.json");
        }
        if (table != null || !configs.isEmpty() || random != null) {
            throw new InvalidInputException("--build-table measures the table only; measure configurations in a second "
                    + "call (--config/--random with --table)");
        }
        OutputPaths.requireWritableFile(out, "--out");
        model.requireConsistent();
        ModelSpec fresh = model.fresh("swin_t");
        MeasurementPlan plan = measurement.plan();
        PrintWriter err = spec.commandLine().getErr();
        threads.apply();
        Device target = device.resolve();
        InputShape input = inputFor(null, precision.resolve(target, err));
        try (TimingSetup setup = TimingSetup.open(fresh, model.weights, input, target)) {
            if (model.weights != null && model.archGiven()) {
                setup.requireArch(fresh.arch(), "--arch");
            }
            err.printf(Locale.ROOT, "latency table of %s %s at %s on %s: 9 uniform + %d random configurations "
                    + "x (%d warm-up + %d timed passes)%n", setup.model.arch().name(), setup.timer.head().describe(),
                    input.describe(), setup.fingerprint.describe(), contexts, plan.warmup(), plan.runs());
            ProgressBar bar = new ProgressBar(err);
            int[] rounds = {0};
            long start = System.nanoTime();
            LatencyTable built = LatencyTableBuilder.build(setup.timer, plan, contexts, setup.fingerprint, line -> {
                rounds[0]++;
                double elapsed = (System.nanoTime() - start) / 1e9;
                bar.update(Math.min(rounds[0], plan.runs()), plan.runs(), line + ", "
                        + ProgressBar.duration(elapsed) + " elapsed, ~"
                        + ProgressBar.duration(elapsed / rounds[0] * Math.max(0, plan.runs() - rounds[0])) + " left");
            });
            bar.finish();
            LatencyTableJson.write(built, out);
            PrintWriter o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "%-8s %12s %9s %7s%n", "uniform", "measured ms", "table ms", "error");
            for (LatencyTable.Check c : built.checks()) {
                o.printf(Locale.ROOT, "%-8.1f %12.1f %9.1f %6.1f%%%s%n", c.ratio(), c.measuredMs(), c.predictedMs(),
                        100 * (c.predictedMs() - c.measuredMs()) / c.measuredMs(), c.noisy() ? "  NOISY" : "");
            }
            for (LatencyTable.Check c : built.anchors()) {
                o.printf(Locale.ROOT, "anchor %.1f: plain pass %.1f ms, table %.1f ms%n", c.ratio(), c.measuredMs(),
                        c.predictedMs());
            }
            o.printf(Locale.ROOT, "latency table written to %s (built in %s)%n", out,
                    ProgressBar.duration(built.buildSeconds()));
        }
        return 0;
    }

    private int measure() {
        if (random != null && random < 1) {
            throw new InvalidInputException("--random " + random + " must be at least 1");
        }
        LatencyTable predictor = table == null ? null : LatencyTableJson.read(table);
        model.requireConsistent();
        ModelSpec fresh = predictor != null && !model.archGiven() && model.task == null && model.classes == null
                ? TimedModelOptions.of(predictor.arch(), predictor.head())
                : model.fresh("swin_t");
        MeasurementPlan plan = measurement.plan();
        PrintWriter err = spec.commandLine().getErr();
        threads.apply();
        Device target = device.resolve();
        InputShape input = inputFor(predictor, precisionFor(predictor, target, err));
        try (TimingSetup setup = TimingSetup.open(fresh, model.weights, input, target)) {
            ArchitectureSpec arch = setup.model.arch();
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
            if (predictor != null) {
                predictor.requireApplies(table.toString(), arch, setup.timer.head(), setup.fingerprint);
                if (noAnchor) {
                    predictions = CalibratedTable.unanchored(predictor);
                } else {
                    err.println("re-anchoring the table: plain passes at uniform 0.0/0.4/0.8");
                    err.flush();
                    predictions = CalibratedTable.anchor(predictor, setup.timer, CalibratedTable.ANCHOR_PLAN);
                    err.println(predictions.description());
                }
            }
            err.printf(Locale.ROOT, "measuring %d configurations of %s %s at %s on %s%n", entries.size(),
                    arch.name(), setup.timer.head().describe(), input.describe(), setup.fingerprint.describe());
            ProgressBar bar = new ProgressBar(err);
            int[] rounds = {0};
            List<LatencyResult> rows = LatencyBenchmark.run(setup.timer, entries, plan, line -> {
                rounds[0]++;
                bar.update(Math.min(rounds[0], plan.runs()), plan.runs(), line);
            });
            bar.finish();
            if (json) {
                LatencyRows.printProfileJson(spec.commandLine().getOut(), rows, predictions, setup.fingerprint);
            } else {
                LatencyRows.printText(spec.commandLine().getOut(), rows, predictions);
            }
        }
        return 0;
    }

    /**
     * The input shape: the options' (672x672, batch 1 where they say nothing), or with a table the
     * table's, which options given must agree with.
     */
    private InputShape inputFor(LatencyTable predictor, Precision precision) {
        if (predictor == null) {
            return new InputShape(batch == null ? 1 : batch, resolution == null ? 672 : resolution.height(),
                    resolution == null ? 672 : resolution.width(), precision);
        }
        InputShape measured = predictor.input();
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

    /** --dtype, or with a table the table's, which --dtype given must agree with. */
    private Precision precisionFor(LatencyTable predictor, Device target, PrintWriter err) {
        Precision given = precision.resolve(target, err);
        if (predictor == null) {
            return given;
        }
        Precision measured = predictor.input().precision();
        if (precision.given() && given != measured) {
            throw new InvalidInputException("--dtype " + given.cliName() + " differs from the table's "
                    + measured.cliName() + "; a table predicts only the precision it was measured in");
        }
        measured.checkOn(target);
        return measured;
    }
}
