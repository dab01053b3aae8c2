package org.sparsevit4j.search;

import java.util.List;
import java.util.Objects;

/**
 * The baselines run after the search under the same budget, for the report to compare against.
 *
 * @param uniform every uniform-sparsity configuration (all ratios equal, 0 to 0.8), dense first,
 *     whether it meets the budget or not (those over it are reference points)
 * @param bestUniform the best of those that meet the budget, or {@code null} when none does
 * @param randomEvaluations unique configurations random search evaluated: the search's unique
 *     evaluations, unless the feasible space has fewer
 * @param bestRandom random search's best, or {@code null} when it evaluated nothing
 * @param randomFront random search's Pareto front, cheapest first
 * @param randomHypervolume hypervolume of that front, with the search's reference point
 * @param randomDrawAttempts draws random search made, feasible or not
 */
public record BaselineResult(List<Candidate> uniform, Candidate bestUniform, int randomEvaluations,
        Candidate bestRandom, List<Candidate> randomFront, double randomHypervolume, long randomDrawAttempts) {

    public BaselineResult {
        uniform = List.copyOf(Objects.requireNonNull(uniform, "uniform"));
        randomFront = List.copyOf(Objects.requireNonNull(randomFront, "randomFront"));
    }
}
