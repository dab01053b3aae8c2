package org.sparsevit4j.results;

/**
 * One row of {@code generations.csv}: the search's progress after a generation.
 *
 * @param generation 0 for the initial population
 * @param bestMetric the best metric found so far
 * @param hypervolume hypervolume of the front of everything evaluated so far
 * @param frontSize configurations on that front
 * @param uniqueEvaluations unique configurations evaluated so far
 */
public record GenerationRow(int generation, double bestMetric, double hypervolume, int frontSize,
        int uniqueEvaluations) {
}
