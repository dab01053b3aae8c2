package org.sparsevit4j.search;

import io.jenetics.IntegerGene;
import io.jenetics.Optimize;
import io.jenetics.Phenotype;
import io.jenetics.Selector;
import io.jenetics.util.ISeq;
import io.jenetics.util.Seq;
import java.util.ArrayList;
import java.util.List;

/**
 * The parents of a generation: the best {@code parents} distinct candidates of the population (in
 * Pareto mode, of the survivors, since the engine's population then includes the last children),
 * repeated in order to fill the {@code count} slots the engine hands to the breeding operator,
 * which breeds from the distinct parents it finds there.
 */
final class ParentSelector implements Selector<IntegerGene, SearchFitness> {

    private final CandidateRanking ranking;
    private final SurvivorSelector survivors;
    private final int parents;
    private final int populationSize;

    /**
     * @param survivors the population the parents come from, in Pareto mode
     * @param populationSize survivors in Pareto mode
     */
    ParentSelector(CandidateRanking ranking, SurvivorSelector survivors, int parents, int populationSize,
            boolean pareto) {
        this.ranking = ranking;
        this.survivors = pareto ? survivors : null;
        this.parents = parents;
        this.populationSize = populationSize;
    }

    @Override
    public ISeq<Phenotype<IntegerGene, SearchFitness>> select(Seq<Phenotype<IntegerGene, SearchFitness>> population,
            int count, Optimize optimize) {
        Seq<Phenotype<IntegerGene, SearchFitness>> pool = survivors == null ? population
                : survivors.select(population, populationSize, optimize);
        List<Phenotype<IntegerGene, SearchFitness>> best = ranking.best(pool, parents);
        List<Phenotype<IntegerGene, SearchFitness>> slots = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            slots.add(best.get(i % best.size()));
        }
        return ISeq.of(slots);
    }
}
