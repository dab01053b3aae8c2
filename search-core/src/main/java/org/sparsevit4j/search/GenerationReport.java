package org.sparsevit4j.search;

import java.util.Objects;

/**
 * What the search reports after each generation (generation 0 is the initial population).
 *
 * @param generation the generation just completed
 * @param generations the generations planned after the initial population
 * @param bestMetric best metric found so far
 * @param bestCosts costs of that best candidate
 * @param feasibleRate share of this generation's draws that met the budget, in [0, 1]
 * @param drawAttempts draws made in this generation, feasible or not
 * @param uniqueEvaluations unique configurations evaluated by the search so far
 * @param hypervolume 2-D hypervolume of the Pareto front of everything evaluated so far
 *     (see {@link Hypervolume} for its reference point)
 * @param frontSize candidates on that front
 */
public record GenerationReport(int generation, int generations, double bestMetric, CandidateCosts bestCosts,
        double feasibleRate, long drawAttempts, int uniqueEvaluations, double hypervolume, int frontSize) {

    public GenerationReport {
        Objects.requireNonNull(bestCosts, "bestCosts");
    }
}
