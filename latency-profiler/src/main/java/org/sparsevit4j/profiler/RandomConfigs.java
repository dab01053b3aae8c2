package org.sparsevit4j.profiler;

import java.util.ArrayList;
import java.util.List;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.GeneLayout;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.core.RandomGenomes;
import org.sparsevit4j.core.SparsityCodec;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SplitMix64;

/**
 * Random valid configurations for checking a latency table against measurement: the paper's
 * space, one ratio per pair of blocks ({@link RandomGenomes} at pair granularity). Seeded; the same
 * seed gives the same list.
 */
public final class RandomConfigs {

    private RandomConfigs() {
    }

    /** {@code count} configurations of {@code arch} drawn with {@code seed}. */
    public static List<SparsityConfig> draw(ArchitectureSpec arch, int count, long seed) {
        SplitMix64 random = SplitMix64.seeded(seed);
        SparsityCodec codec = new SparsityCodec(new GeneLayout(arch, Granularity.PAIR));
        List<SparsityConfig> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            out.add(RandomGenomes.config(codec, random));
        }
        return out;
    }
}
