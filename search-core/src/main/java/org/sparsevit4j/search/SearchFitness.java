package org.sparsevit4j.search;

import io.jenetics.ext.moea.Vec;

/**
 * The fitness of a phenotype in the search's Jenetics engine: the candidate's metric, its cost in
 * the cost objective, and its index in the evaluation cache (which ties a phenotype back to its
 * {@link Candidate}). Greater is better: higher metric, then lower cost, then earlier evaluation,
 * the same total order as the search's "best first", so a sort never depends on population order.
 *
 * <p>A phenotype past the evaluation cap gets {@link #notEvaluated()}: the engine needs a fitness
 * on every phenotype, and the search drops these before anything reads them.
 *
 * @param metric the evaluator's metric, higher is better
 * @param cost the candidate's cost in the search's cost objective
 * @param index position of the candidate in the evaluation cache, or -1 when not evaluated
 */
record SearchFitness(double metric, double cost, int index) implements Comparable<SearchFitness> {

    private static final SearchFitness NOT_EVALUATED = new SearchFitness(Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY, -1);

    static SearchFitness of(Candidate candidate, CostObjective objective) {
        return new SearchFitness(candidate.metric(), objective.of(candidate.costs()), candidate.index());
    }

    static SearchFitness notEvaluated() {
        return NOT_EVALUATED;
    }

    boolean evaluated() {
        return index >= 0;
    }

    /** Both objectives for NSGA-II; Jenetics' {@link Vec} maximises every component, so the cost enters negated. */
    Vec<double[]> objectives() {
        return Vec.of(metric, -cost);
    }

    @Override
    public int compareTo(SearchFitness other) {
        int byMetric = Double.compare(metric, other.metric);
        if (byMetric != 0) {
            return byMetric;
        }
        int byCost = Double.compare(other.cost, cost);
        return byCost != 0 ? byCost : Integer.compare(other.index, index);
    }
}
