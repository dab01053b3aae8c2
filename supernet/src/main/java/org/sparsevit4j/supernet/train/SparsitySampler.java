package org.sparsevit4j.supernet.train;

import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.WindowGrid;
import org.sparsevit4j.search.GeneLayout;
import org.sparsevit4j.search.Genome;
import org.sparsevit4j.search.Granularity;
import org.sparsevit4j.search.SparsityCodec;
import org.sparsevit4j.search.SplitMix64;

/**
 * The configurations of sparsity-aware adaptation: every gene (a block pair by default, as in the
 * paper) uniform over levels 0..8, a stage's genes sorted ascending (the reference SAA). The
 * generator is a {@link SplitMix64} whose state goes into the checkpoint.
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
        int[] genes = new int[codec.layout().size()];
        for (int i = 0; i < genes.length; i++) {
            genes[i] = random.nextInt(WindowGrid.MAX_LEVEL + 1);
        }
        return codec.decode(Genome.of(codec.repair(genes)));
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
