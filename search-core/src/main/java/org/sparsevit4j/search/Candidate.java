package org.sparsevit4j.search;

import java.util.Objects;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.Genome;

/**
 * One evaluated configuration: what it is, what it scored and what it costs. The evaluation cache
 * holds exactly one candidate per distinct configuration.
 *
 * @param genome the genes (one level per gene)
 * @param config the decoded configuration
 * @param metric the evaluator's metric, higher is better
 * @param costs MACs and, when a latency model is present, predicted latency
 * @param index position in evaluation order, 0-based; unique within a run
 * @param generation generation that first proposed it (0 = initial population), or -1 for baselines
 * @param origin how it was first proposed
 */
public record Candidate(Genome genome, SparsityConfig config, double metric, CandidateCosts costs,
        int index, int generation, Origin origin) {

    public Candidate {
        Objects.requireNonNull(genome, "genome");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(costs, "costs");
        Objects.requireNonNull(origin, "origin");
        if (!Double.isFinite(metric)) {
            throw new IllegalArgumentException("metric " + metric + " of " + config.compact() + " must be finite");
        }
        if (index < 0 || generation < -1) {
            throw new IllegalArgumentException("index " + index + " must be >= 0 and generation " + generation + " >= -1");
        }
    }
}
