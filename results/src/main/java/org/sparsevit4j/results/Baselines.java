package org.sparsevit4j.results;

import java.util.List;
import java.util.Objects;

/**
 * The baselines a search ran under its own budget ({@code baselines.json}).
 *
 * @param uniform every uniform-sparsity configuration that met the budget, dense first when it did
 * @param randomFront random search's Pareto front, cheapest first
 * @param randomHypervolume hypervolume of that front, with the search's reference point
 * @param randomEvaluations unique configurations random search evaluated
 */
public record Baselines(List<ReportedConfig> uniform, List<ReportedConfig> randomFront, double randomHypervolume,
        int randomEvaluations) {

    public Baselines {
        uniform = List.copyOf(Objects.requireNonNull(uniform, "uniform"));
        randomFront = List.copyOf(Objects.requireNonNull(randomFront, "randomFront"));
    }
}
