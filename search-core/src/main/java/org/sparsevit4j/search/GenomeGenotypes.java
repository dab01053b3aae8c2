package org.sparsevit4j.search;

import io.jenetics.Genotype;
import io.jenetics.IntegerChromosome;
import io.jenetics.IntegerGene;
import io.jenetics.util.Factory;
import io.jenetics.util.IntRange;
import org.sparsevit4j.core.Genome;
import org.sparsevit4j.core.SparsityCodec;

/**
 * A genome as Jenetics holds it: one {@link IntegerChromosome} whose genes are the levels 0..8.
 * The core's {@link Genome} stays free of Jenetics; only the search's engine needs this form.
 */
final class GenomeGenotypes {

    private static final IntRange LEVELS = IntRange.of(0, SparsityCodec.ALLELES);

    private GenomeGenotypes() {
    }

    static Genotype<IntegerGene> of(Genome genome) {
        IntegerGene[] genes = new IntegerGene[genome.length()];
        for (int i = 0; i < genes.length; i++) {
            genes[i] = IntegerGene.of(genome.gene(i), LEVELS);
        }
        return Genotype.of(IntegerChromosome.of(genes));
    }

    /**
     * Jenetics' factory of random genotypes, which an engine must have. The search never lets the
     * engine use it: the initial population is drawn under the budget, phenotypes do not age out,
     * and invalid ones are repaired by the {@link BudgetConstraint}.
     */
    static Factory<Genotype<IntegerGene>> factory(int genes) {
        return Genotype.of(IntegerChromosome.of(LEVELS, genes));
    }

    static Genome genome(Genotype<IntegerGene> genotype) {
        IntegerChromosome chromosome = genotype.chromosome().as(IntegerChromosome.class);
        return Genome.of(chromosome.toArray());
    }
}
