package org.sparsevit4j.search;

import java.util.random.RandomGenerator;
import org.sparsevit4j.core.Genome;
import org.sparsevit4j.core.SparsityCodec;

/**
 * The paper's mutation: each gene of the parent is, independently with probability {@code p},
 * replaced by a fresh uniform draw from 0..8 (which may equal the old level, so a gene actually
 * changes with probability {@code p * 8/9}). The caller repairs the child.
 *
 * <p>Written here rather than taken from Jenetics' {@code Mutator}, which splits {@code p} into
 * {@code p^(1/3)} at genotype, chromosome and gene level (correlating the genes of a child) and
 * draws from the global {@code RandomRegistry}; this operator draws only from the generator it is given.
 */
final class ResampleMutation {

    private final double probability;

    ResampleMutation(double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("mutation probability " + probability + " must be in [0, 1]");
        }
        this.probability = probability;
    }

    /** Raw (unrepaired) child genes. */
    int[] mutate(Genome parent, RandomGenerator rng) {
        int[] genes = parent.toArray();
        for (int i = 0; i < genes.length; i++) {
            if (rng.nextDouble() < probability) {
                genes[i] = rng.nextInt(SparsityCodec.ALLELES);
            }
        }
        return genes;
    }
}
