package org.sparsevit4j.search;

import io.jenetics.Genotype;
import io.jenetics.IntegerChromosome;
import io.jenetics.IntegerGene;
import io.jenetics.Optimize;
import io.jenetics.Phenotype;
import io.jenetics.ext.moea.NSGA2Selector;
import io.jenetics.ext.moea.Vec;
import io.jenetics.util.ISeq;
import io.jenetics.util.IntRange;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.sparsevit4j.core.SparsityCodec;

/**
 * NSGA-II order (non-dominated rank, then crowding distance) of candidates on (metric, cost),
 * by Jenetics' {@link NSGA2Selector}. The search takes the first {@code parents} of the population
 * as parents, and the first {@code population} of parents and children as the next population.
 * The selector is deterministic: it sorts and draws no random numbers.
 */
final class Nsga2Selection {

    private static final IntRange ALLELES = IntRange.of(0, SparsityCodec.ALLELES);

    private final CostObjective objective;
    private final NSGA2Selector<IntegerGene, Vec<double[]>> selector = NSGA2Selector.ofVec();

    Nsga2Selection(CostObjective objective) {
        this.objective = objective;
    }

    /** The best {@code count} of {@code distinct} candidates (no repeats), best first. */
    List<Candidate> best(List<Candidate> distinct, int count) {
        int n = Math.min(count, distinct.size());
        Map<Phenotype<IntegerGene, Vec<double[]>>, Candidate> byPhenotype = new IdentityHashMap<>();
        List<Phenotype<IntegerGene, Vec<double[]>>> population = new ArrayList<>(distinct.size());
        for (Candidate c : distinct) {
            IntegerGene[] genes = new IntegerGene[c.genome().length()];
            for (int i = 0; i < genes.length; i++) {
                genes[i] = IntegerGene.of(c.genome().gene(i), ALLELES);
            }
            Phenotype<IntegerGene, Vec<double[]>> p = Phenotype.of(
                    Genotype.of(IntegerChromosome.of(genes)), c.generation() + 1L,
                    Vec.of(c.metric(), -objective.of(c.costs())));
            byPhenotype.put(p, c);
            population.add(p);
        }
        ISeq<Phenotype<IntegerGene, Vec<double[]>>> chosen = selector.select(ISeq.of(population), n, Optimize.MAXIMUM);
        return chosen.stream().map(byPhenotype::get).toList();
    }
}
