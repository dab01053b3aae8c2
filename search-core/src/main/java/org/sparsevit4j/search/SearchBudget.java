package org.sparsevit4j.search;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.List;
import org.sparsevit4j.core.InvalidInputException;

/**
 * The constraints every evaluated configuration meets: a MAC ceiling, a latency ceiling and a
 * latency floor, each optional and combinable (the floor with the ceiling makes the reference's
 * latency window). A budget with none of them admits every configuration.
 *
 * @param maxMacs MAC ceiling, or {@code null} for none
 * @param maxLatencyMs latency ceiling in ms, or {@code null} for none
 * @param minLatencyMs latency floor in ms, or {@code null} for none
 */
public record SearchBudget(MacLimit maxMacs, Double maxLatencyMs, Double minLatencyMs) {

    public SearchBudget {
        requirePositive("max latency", maxLatencyMs);
        if (minLatencyMs != null && !(minLatencyMs >= 0 && Double.isFinite(minLatencyMs))) {
            throw new InvalidInputException(
                    "min latency " + minLatencyMs + " ms must be a finite number >= 0");
        }
        if (maxLatencyMs != null && minLatencyMs != null && minLatencyMs > maxLatencyMs) {
            throw new InvalidInputException("min latency " + minLatencyMs
                    + " ms is above max latency " + maxLatencyMs + " ms; no configuration can meet both");
        }
    }

    /** No constraint at all. */
    public static SearchBudget none() {
        return new SearchBudget(null, null, null);
    }

    /** Only a MAC ceiling. */
    public static SearchBudget ofMacs(MacLimit maxMacs) {
        return new SearchBudget(maxMacs, null, null);
    }

    public SearchBudget withMaxMacs(MacLimit limit) {
        return new SearchBudget(limit, maxLatencyMs, minLatencyMs);
    }

    public SearchBudget withMaxLatencyMs(Double ms) {
        return new SearchBudget(maxMacs, ms, minLatencyMs);
    }

    public SearchBudget withMinLatencyMs(Double ms) {
        return new SearchBudget(maxMacs, maxLatencyMs, ms);
    }

    /** Whether a latency bound is set, so the search needs a {@link CostModel}. */
    public boolean hasLatencyBound() {
        return maxLatencyMs != null || minLatencyMs != null;
    }

    @JsonIgnore // derived, not part of the file
    public boolean isUnconstrained() {
        return maxMacs == null && !hasLatencyBound();
    }

    /** E.g. {@code max MACs 0.6x dense, latency 30.0..40.0 ms}, or {@code no budget}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (maxMacs != null) {
            parts.add("max MACs " + maxMacs);
        }
        if (maxLatencyMs != null && minLatencyMs != null) {
            parts.add("latency " + minLatencyMs + ".." + maxLatencyMs + " ms");
        } else if (maxLatencyMs != null) {
            parts.add("max latency " + maxLatencyMs + " ms");
        } else if (minLatencyMs != null) {
            parts.add("min latency " + minLatencyMs + " ms");
        }
        return parts.isEmpty() ? "no budget" : String.join(", ", parts);
    }

    private static void requirePositive(String what, Double ms) {
        if (ms != null && !(ms > 0 && Double.isFinite(ms))) {
            throw new InvalidInputException(what + " " + ms + " ms must be a positive finite number");
        }
    }
}
