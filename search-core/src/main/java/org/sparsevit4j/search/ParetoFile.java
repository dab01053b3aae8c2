package org.sparsevit4j.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * {@code pareto.json}: the search's Pareto front, cheapest first, and its hypervolume.
 *
 * @param format the schema version, {@link RunFiles#FORMAT}
 * @param metricName the evaluator's metric
 * @param costObjective what the front trades the metric against
 * @param costUnit the unit of that cost
 * @param hypervolume hypervolume of the front
 * @param front the front's configurations
 * @param provenance where the result came from
 */
public record ParetoFile(int format, String metricName, CostObjective costObjective, String costUnit,
        double hypervolume, List<CandidateEntry> front, JsonNode provenance) {

    public ParetoFile {
        Objects.requireNonNull(metricName, "metricName");
        Objects.requireNonNull(costObjective, "costObjective");
        front = List.copyOf(front);
        Objects.requireNonNull(provenance, "provenance");
    }
}
