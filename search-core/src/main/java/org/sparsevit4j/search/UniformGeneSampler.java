package org.sparsevit4j.search;

import java.util.random.RandomGenerator;

/**
 * The prior of the search and of sparsity-aware adaptation: every gene uniform over levels 0..8,
 * independently. The caller repairs (sorts each stage), as the reference does after sampling.
 */
final class UniformGeneSampler {

    private UniformGeneSampler() {
    }

    /** Raw (unrepaired) genes, each uniform in 0..8. */
    static int[] draw(int length, RandomGenerator rng) {
        int[] genes = new int[length];
        for (int i = 0; i < length; i++) {
            genes[i] = rng.nextInt(SparsityCodec.ALLELES);
        }
        return genes;
    }
}
