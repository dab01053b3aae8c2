package org.sparsevit4j.search;

import io.jenetics.Alterer;
import io.jenetics.AltererResult;
import io.jenetics.IntegerGene;
import io.jenetics.Phenotype;
import io.jenetics.util.ISeq;
import io.jenetics.util.RandomRegistry;
import io.jenetics.util.Seq;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.sparsevit4j.core.Genome;

/**
 * The paper's breeding as one Jenetics {@link Alterer}: from the distinct parents among the
 * selected slots, exactly {@code mutants} mutants of one random parent ({@link ResampleMutation})
 * and {@code crossovers} uniform crossovers of two distinct random parents
 * ({@link UniformGeneCrossover}), in that order, each child drawn through the
 * {@link BudgetConstraint} until it meets the budget. Jenetics' own mutator and crossover alter
 * each slot with a probability, so they cannot give these exact counts; an alterer sees the whole
 * offspring and can. Randomness comes from {@link RandomRegistry}, which the search scopes to its
 * saved generator.
 */
final class MutationCrossoverAlterer implements Alterer<IntegerGene, SearchFitness> {

    private final int mutants;
    private final int crossovers;
    private final ResampleMutation mutation;
    private final BudgetConstraint constraint;
    private final Consumer<Draw> bred;

    /** @param bred receives every child's draw (its costs and origin), for the evaluator */
    MutationCrossoverAlterer(int mutants, int crossovers, double mutationProbability, BudgetConstraint constraint,
            Consumer<Draw> bred) {
        this.mutants = mutants;
        this.crossovers = crossovers;
        this.mutation = new ResampleMutation(mutationProbability);
        this.constraint = constraint;
        this.bred = bred;
    }

    @Override
    public AltererResult<IntegerGene, SearchFitness> alter(Seq<Phenotype<IntegerGene, SearchFitness>> population,
            long generation) {
        List<Genome> parents = CandidateRanking.distinct(population).stream()
                .map(p -> GenomeGenotypes.genome(p.genotype())).toList();
        int k = parents.size();
        RandomGenerator random = RandomRegistry.random();
        List<Phenotype<IntegerGene, SearchFitness>> children = new ArrayList<>(mutants + crossovers);
        for (int i = 0; i < mutants; i++) {
            children.add(child(constraint.draw(r -> mutation.mutate(parents.get(r.nextInt(k)), r), random,
                    Origin.MUTATION), generation));
        }
        for (int i = 0; i < crossovers; i++) {
            children.add(child(constraint.draw(r -> {
                int a = r.nextInt(k);
                int b = a;
                if (k > 1) {
                    // two distinct parents, like the reference's random.sample(candidates, 2)
                    b = r.nextInt(k - 1);
                    b += b >= a ? 1 : 0;
                }
                return UniformGeneCrossover.cross(parents.get(a), parents.get(b), r);
            }, random, Origin.CROSSOVER), generation));
        }
        return new AltererResult<>(ISeq.of(children), children.size());
    }

    private Phenotype<IntegerGene, SearchFitness> child(Draw draw, long generation) {
        bred.accept(draw);
        return Phenotype.of(GenomeGenotypes.of(draw.genome()), generation);
    }
}
