package org.sparsevit4j.results;

import java.util.Objects;
import org.sparsevit4j.core.SparsityConfig;

/**
 * One configuration as a run folder reports it: its ratios and objectives.
 *
 * @param config the per-block ratios
 * @param metric the evaluator's metric on the search split, higher is better
 * @param gmacs backbone GMACs
 * @param macFraction MACs as a fraction of the dense model's
 * @param predictedLatencyMs the latency model's prediction, or {@code NaN} when there was no model
 * @param measuredLatencyMs the latency measured after the search, or {@code NaN} when not measured
 * @param origin how the search first proposed it ({@code initial}, {@code mutation}, {@code uniform}, ...)
 * @param feasible whether it meets the run's budget (a uniform baseline over it is a reference point)
 */
public record ReportedConfig(SparsityConfig config, double metric, double gmacs, double macFraction,
        double predictedLatencyMs, double measuredLatencyMs, String origin, boolean feasible) {

    public ReportedConfig {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(origin, "origin");
    }

    public boolean hasPredictedLatency() {
        return !Double.isNaN(predictedLatencyMs);
    }

    public boolean hasMeasuredLatency() {
        return !Double.isNaN(measuredLatencyMs);
    }
}
