package org.sparsevit4j.search;

import io.jenetics.IntegerGene;
import io.jenetics.Optimize;
import io.jenetics.Phenotype;
import io.jenetics.ext.moea.NSGA2Selector;
import io.jenetics.util.ISeq;
import io.jenetics.util.Seq;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which the search ranks the distinct candidates of a population: by fitness (higher
 * metric, then lower cost, then earlier evaluation), or in Pareto mode by NSGA-II order
 * (non-dominated rank, then crowding distance) on (metric, cost), by Jenetics' {@link NSGA2Selector}.
 * A candidate drawn twice counts once. Neither order draws random numbers.
 */
final class CandidateRanking {

    private final boolean pareto;
    private final NSGA2Selector<IntegerGene, SearchFitness> nsga2 = new NSGA2Selector<>(
            (a, b) -> a.objectives().dominance(b.objectives()),
            (u, v, i) -> u.objectives().compare(v.objectives(), i),
            (u, v, i) -> u.objectives().distance(v.objectives(), i),
            f -> 2);

    CandidateRanking(boolean pareto) {
        this.pareto = pareto;
    }

    /** The best {@code count} distinct candidates of {@code population}, best first (fewer if it has fewer). */
    List<Phenotype<IntegerGene, SearchFitness>> best(Seq<Phenotype<IntegerGene, SearchFitness>> population,
            int count) {
        List<Phenotype<IntegerGene, SearchFitness>> distinct = distinct(population);
        if (pareto) {
            // the selector repeats its order to fill a larger count; the search wants each candidate once
            return nsga2.select(ISeq.of(distinct), Math.min(count, distinct.size()), Optimize.MAXIMUM).asList();
        }
        return distinct.stream().sorted(Comparator.comparing(Phenotype::fitness, Comparator.reverseOrder()))
                .limit(count).toList();
    }

    /** The candidates of {@code population} in order, each once (by its evaluation index). */
    static List<Phenotype<IntegerGene, SearchFitness>> distinct(Seq<Phenotype<IntegerGene, SearchFitness>> population) {
        Map<Integer, Phenotype<IntegerGene, SearchFitness>> byIndex = new LinkedHashMap<>();
        population.forEach(p -> byIndex.putIfAbsent(p.fitness().index(), p));
        return List.copyOf(byIndex.values());
    }
}
