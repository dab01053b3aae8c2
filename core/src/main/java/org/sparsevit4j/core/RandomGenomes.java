package org.sparsevit4j.core;

import java.util.random.RandomGenerator;

/**
 * Random valid configurations, the one sampler of the project: every gene uniform over levels
 * 0..8, independently, in gene-layout order, then each stage's genes sorted ascending (the
 * reference's repair). It is the search's prior (its initial population and random-search
 * baseline), the draw of sparsity-aware adaptation at every training step, and the random
 * configurations the latency profiler times.
 */
public final class RandomGenomes {

    private RandomGenomes() {
    }

    /** Raw genes, each uniform in 0..8, not yet repaired. */
    public static int[] rawGenes(int length, RandomGenerator rng) {
        int[] genes = new int[length];
        for (int i = 0; i < length; i++) {
            genes[i] = rng.nextInt(SparsityCodec.ALLELES);
        }
        return genes;
    }

    /** A random repaired genome of {@code codec}'s layout. */
    public static Genome draw(SparsityCodec codec, RandomGenerator rng) {
        return codec.repaired(rawGenes(codec.layout().size(), rng));
    }

    /** A random valid configuration of {@code codec}'s layout. */
    public static SparsityConfig config(SparsityCodec codec, RandomGenerator rng) {
        return codec.decode(draw(codec, rng));
    }
}
