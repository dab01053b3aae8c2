package org.sparsevit4j.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One row of {@code generations.csv}: a generation's report. */
@JsonPropertyOrder({"generation", "best_metric", "best_macs", "best_latency_ms", "feasible_rate", "draw_attempts",
        "unique_evaluations", "hypervolume", "front_size"})
public record GenerationRow(
        int generation,
        @JsonProperty("best_metric") double bestMetric,
        @JsonProperty("best_macs") long bestMacs,
        @JsonProperty("best_latency_ms") Double bestLatencyMs,
        @JsonProperty("feasible_rate") double feasibleRate,
        @JsonProperty("draw_attempts") long drawAttempts,
        @JsonProperty("unique_evaluations") int uniqueEvaluations,
        double hypervolume,
        @JsonProperty("front_size") int frontSize) {

    static GenerationRow of(GenerationReport r) {
        return new GenerationRow(r.generation(), r.bestMetric(), r.bestCosts().macs(),
                r.bestCosts().hasLatency() ? r.bestCosts().latencyMs() : null, r.feasibleRate(), r.drawAttempts(),
                r.uniqueEvaluations(), r.hypervolume(), r.frontSize());
    }
}
