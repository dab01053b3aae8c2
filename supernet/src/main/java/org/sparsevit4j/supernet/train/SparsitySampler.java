package org.sparsevit4j.supernet.train;

import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.WindowGrid;
import org.sparsevit4j.core.GeneLayout;
import org.sparsevit4j.core.RandomGenomes;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.core.SparsityCodec;
import org.sparsevit4j.core.SplitMix64;

/**
 * The configurations of sparsity-aware adaptation: {@link RandomGenomes} over a gene layout (a block
 * pair per gene by default, as in the paper), from a {@link SplitMix64} whose state goes into the
 * checkpoint.
 */
public final class SparsitySampler {

    private final SparsityCodec codec;
    private SplitMix64 random;

    public SparsitySampler(ArchitectureSpec arch, Granularity granularity, long state) {
        this.codec = new SparsityCodec(new GeneLayout(arch, granularity));
        this.random = SplitMix64.ofState(state);
    }

    /** The next random configuration. */
    public SparsityConfig next() {
        return RandomGenomes.config(codec, random);
    }

    /** The most pruned configuration (every ratio 0.8), the sandwich rule's lower end. */
    public SparsityConfig sparsest() {
        return codec.decode(codec.uniform(WindowGrid.MAX_LEVEL));
    }

    /** The generator's state, to be saved and restored. */
    public long state() {
        return random.state();
    }
}
