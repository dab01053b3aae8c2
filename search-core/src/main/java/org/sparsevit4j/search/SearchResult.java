package org.sparsevit4j.search;

import java.util.List;
import java.util.Objects;

/**
 * What a finished search found. Equal seeds, settings and evaluators give equal results, whether
 * or not the run was interrupted and resumed, and whatever the number of threads.
 *
 * @param settings the settings the search ran with
 * @param metricName the evaluator's metric name
 * @param best the candidate with the highest metric (ties: lower cost, then earlier evaluation)
 * @param paretoFront non-dominated candidates on (metric, cost objective), cheapest first
 * @param hypervolume hypervolume of that front (see {@link Hypervolume})
 * @param generations generations completed after the initial population
 * @param uniqueEvaluations unique configurations the search evaluated (baselines excluded)
 * @param totalEvaluations unique configurations evaluated in the run, baselines included
 * @param drawAttempts the search's draws, feasible or not
 * @param feasibleDraws the search's draws that met the budget
 * @param history one report per generation, generation 0 first
 * @param baselines the baselines, or {@code null} when they were turned off
 */
public record SearchResult(SearchSettings settings, String metricName, Candidate best, List<Candidate> paretoFront,
        double hypervolume, int generations, int uniqueEvaluations, int totalEvaluations, long drawAttempts,
        long feasibleDraws, List<GenerationReport> history, BaselineResult baselines) {

    public SearchResult {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(best, "best");
        paretoFront = List.copyOf(paretoFront);
        history = List.copyOf(history);
    }

    /** Share of the search's draws that met the budget. */
    public double feasibleRate() {
        return drawAttempts == 0 ? 0 : (double) feasibleDraws / drawAttempts;
    }
}
