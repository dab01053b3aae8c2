package org.sparsevit4j.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.stream.Collectors;

/**
 * One row of {@code candidates.csv} and {@code pareto.csv}. Columns after {@code ratios} were
 * added later, at the end, so readers of earlier runs keep working; {@code genes} are the levels
 * separated by spaces.
 */
@JsonPropertyOrder({"index", "origin", "generation", "metric", "macs", "gmacs", "latency_ms", "ratios",
        "mac_fraction", "measured_latency_ms", "genes", "feasible"})
public record CandidateRow(
        int index,
        Origin origin,
        int generation,
        double metric,
        long macs,
        double gmacs,
        @JsonProperty("latency_ms") Double latencyMs,
        String ratios,
        @JsonProperty("mac_fraction") double macFraction,
        @JsonProperty("measured_latency_ms") Double measuredLatencyMs,
        String genes,
        boolean feasible) {

    static CandidateRow of(Candidate c, RunOutputs.Extras extras) {
        return new CandidateRow(c.index(), c.origin(), c.generation(), c.metric(), c.costs().macs(),
                c.costs().gmacs(), c.costs().hasLatency() ? c.costs().latencyMs() : null, c.config().compact(),
                (double) c.costs().macs() / extras.denseMacs(), extras.measuredMs().get(c.config()),
                c.genome().toList().stream().map(String::valueOf).collect(Collectors.joining(" ")),
                extras.withinBudget().test(c.costs()));
    }
}
