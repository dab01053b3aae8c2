package org.sparsevit4j.cli;

import org.sparsevit4j.profiler.MeasurementPlan;
import picocli.CommandLine.Option;

/** {@code --runs}, {@code --warmup}, {@code --max-spread}, {@code --retries}: how latency is measured. */
public final class MeasurementOptions {

    @Option(names = "--runs", paramLabel = "N", defaultValue = "10",
            description = "Timed passes per configuration. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "3",
            description = "Untimed passes per configuration first. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--max-spread", paramLabel = "FRACTION", defaultValue = "" + MeasurementPlan.DEFAULT_MAX_SPREAD,
            description = "A measurement whose interquartile range exceeds this fraction of its median is re-run, "
                    + "and flagged NOISY if it stays so. Default: ${DEFAULT-VALUE}.")
    double maxSpread;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "" + MeasurementPlan.DEFAULT_RETRIES,
            description = "Re-runs of a noisy measurement. Default: ${DEFAULT-VALUE}.")
    int retries;

    MeasurementPlan plan() {
        return new MeasurementPlan(warmup, runs, maxSpread, retries);
    }
}
