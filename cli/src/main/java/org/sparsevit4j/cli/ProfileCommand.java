package org.sparsevit4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sparsevit4j.app.Latencies;
import org.sparsevit4j.app.Resolution;
import org.sparsevit4j.app.TimingSpec;
import org.sparsevit4j.app.TrainingProgress;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.profiler.LatencyTable;
import org.sparsevit4j.profiler.LatencyTableBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sparsevit profile}: builds the latency table of a model, input and device
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

    @Option(names = "--resolution", paramLabel = "SIZE", converter = ResolutionConverter.class,
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
            if (out == null) {
                throw new InvalidInputException("--build-table needs --out T.json");
            }
            if (table != null || !configs.isEmpty() || random != null) {
                throw new InvalidInputException("--build-table measures the table only; measure configurations in a "
                        + "second call (--config/--random with --table)");
            }
        } else if (out != null) {
            throw new InvalidInputException("--out is where --build-table writes; to measure configurations leave it out");
        } else if (configs.isEmpty() && random == null) {
            throw new InvalidInputException("give --build-table --out T.json, or configurations to measure: --config FILE "
                    + "or --random N");
        }
        threads.apply();
        TimingSpec timing = new TimingSpec(model.choice(), resolution, batch, precision.dtype, device.device,
                measurement.plan());
        PrintWriter err = spec.commandLine().getErr();
        try (CliProgress progress = new CliProgress(err, buildTable)) {
            if (buildTable) {
                Latencies.Table built = Latencies.buildTable(timing, contexts, out, progress);
                progress.close();
                printTable(built.table());
                return 0;
            }
            Latencies.Measurements m = Latencies.profile(timing, table, configs, random, seed, noAnchor, progress);
            progress.close();
            if (json) {
                LatencyRows.printProfileJson(spec.commandLine().getOut(), m.rows(), m.predictions(), m.fingerprint());
            } else {
                LatencyRows.printText(spec.commandLine().getOut(), m.rows(), m.predictions());
            }
        }
        return 0;
    }

    private void printTable(LatencyTable built) {
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
                TrainingProgress.duration(built.buildSeconds()));
    }
}
