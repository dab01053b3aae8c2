package org.sparsevit4j.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * {@code baselines.json}: uniform sparsity and random search beside the search's own numbers.
 *
 * @param format the schema version, {@link RunFiles#FORMAT}
 * @param metricName the evaluator's metric
 * @param search the search's best and effort
 * @param uniform every uniform configuration and the best within the budget
 * @param random random search's effort, best and front
 * @param provenance where the result came from
 */
public record BaselinesFile(int format, String metricName, Search search, Uniform uniform, Random random,
        JsonNode provenance) {

    public BaselinesFile {
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(uniform, "uniform");
        Objects.requireNonNull(random, "random");
    }

    /** The search's side. */
    public record Search(CandidateEntry best, int uniqueEvaluations, double hypervolume) {
    }

    /** @param best the best uniform configuration within the budget, null when none is */
    public record Uniform(CandidateEntry best, List<CandidateEntry> candidates) {
        public Uniform {
            candidates = List.copyOf(candidates);
        }
    }

    /** @param best random search's best, null when it drew nothing */
    public record Random(int uniqueEvaluations, long drawAttempts, CandidateEntry best, double hypervolume,
            List<CandidateEntry> front) {
        public Random {
            front = List.copyOf(front);
        }
    }
}
