package org.sparsevit4j.search;

import io.jenetics.IntegerGene;
import io.jenetics.Optimize;
import io.jenetics.Phenotype;
import io.jenetics.Selector;
import io.jenetics.util.ISeq;
import io.jenetics.util.Seq;
import java.util.function.BooleanSupplier;

/**
 * Who lives on into the next generation, beside the children. Single-objective: the best
 * {@code count} (the elites) of the generation's population. Pareto mode: the engine's population
 * is the last population together with its children, and the survivors are its NSGA-II best
 * {@code count} (the population size), so survival is elitist over parents and children, as in
 * NSGA-II; the initial population survives whole, duplicates included, as the reference keeps it.
 */
final class SurvivorSelector implements Selector<IntegerGene, SearchFitness> {

    private final CandidateRanking ranking;
    private final boolean pareto;
    private final BooleanSupplier initial;

    /** @param initial whether the population the engine starts from is the initial one */
    SurvivorSelector(CandidateRanking ranking, boolean pareto, BooleanSupplier initial) {
        this.ranking = ranking;
        this.pareto = pareto;
        this.initial = initial;
    }

    @Override
    public ISeq<Phenotype<IntegerGene, SearchFitness>> select(Seq<Phenotype<IntegerGene, SearchFitness>> population,
            int count, Optimize optimize) {
        if (pareto && initial.getAsBoolean()) {
            return ISeq.of(population);
        }
        return ISeq.of(ranking.best(population, count));
    }
}
