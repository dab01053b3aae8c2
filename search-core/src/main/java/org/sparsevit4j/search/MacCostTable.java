package org.sparsevit4j.search;

import java.util.Objects;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.MacCount;
import org.sparsevit4j.core.MacCounter;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.Genome;
import org.sparsevit4j.core.GeneLayout;
import org.sparsevit4j.core.SparsityCodec;

/**
 * Backbone MACs of a genome in a few additions: {@link MacCounter}'s count is a fixed part (patch
 * embedding, merging) plus one term per block that depends only on that block's level, so the
 * table holds, per gene and level, the MACs of the blocks the gene covers. Rejection sampling
 * prices every draw with it; it equals {@code MacCounter.count(...).backbone()} exactly (tested).
 */
public final class MacCostTable {

    private final long fixedMacs;
    private final long[][] geneMacs;
    private final int height;
    private final int width;

    /** The table for {@code layout}'s architecture on a {@code height x width} input. */
    public MacCostTable(GeneLayout layout, int height, int width) {
        Objects.requireNonNull(layout, "layout");
        ArchitectureSpec arch = layout.arch();
        this.height = height;
        this.width = width;
        MacCount[] byLevel = new MacCount[SparsityCodec.ALLELES];
        for (int level = 0; level < byLevel.length; level++) {
            byLevel[level] = MacCounter.count(arch, height, width, SparsityConfig.uniform(arch, level / 10.0));
        }
        fixedMacs = byLevel[0].patchEmbed() + byLevel[0].merging();
        geneMacs = new long[layout.size()][SparsityCodec.ALLELES];
        for (int g = 0; g < layout.size(); g++) {
            int s = layout.stageOf(g);
            for (int level = 0; level < SparsityCodec.ALLELES; level++) {
                long sum = 0;
                for (int b = layout.firstBlock(g); b < layout.firstBlock(g) + layout.blockCount(g); b++) {
                    sum += byLevel[level].perBlock().get(s).get(b);
                }
                geneMacs[g][level] = sum;
            }
        }
    }

    /** Backbone MACs of {@code genome} (its genes need not be repaired: the sum ignores order). */
    public long macs(Genome genome) {
        long total = fixedMacs;
        for (int g = 0; g < geneMacs.length; g++) {
            total += geneMacs[g][genome.gene(g)];
        }
        return total;
    }

    /** Backbone MACs of raw genes, for samplers that price a draw before wrapping it. */
    long macs(int[] genes) {
        long total = fixedMacs;
        for (int g = 0; g < geneMacs.length; g++) {
            total += geneMacs[g][genes[g]];
        }
        return total;
    }

    /** MACs with every ratio 0. */
    public long denseMacs() {
        return uniformMacs(0);
    }

    /** MACs with every ratio 0.8, the least any configuration can cost. */
    public long sparsestMacs() {
        return uniformMacs(SparsityCodec.MAX_LEVEL);
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    private long uniformMacs(int level) {
        long total = fixedMacs;
        for (long[] gene : geneMacs) {
            total += gene[level];
        }
        return total;
    }
}
