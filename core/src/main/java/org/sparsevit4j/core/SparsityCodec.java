package org.sparsevit4j.core;

import java.util.Arrays;
import java.util.Objects;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.WindowGrid;

/**
 * Converts between a {@link SparsityConfig} and its {@link Genome} for a {@link GeneLayout}, both
 * ways, so that known configurations (dense, uniform, a paper config) can seed or check a search.
 *
 * <p>Decoding gives every block of a gene the gene's level. Encoding requires the configuration
 * to have one level per gene (both blocks of a pair equal at pair granularity) and rejects it
 * otherwise, naming the blocks. {@link #repair} sorts each stage's genes ascending, the
 * reference's repair, so every child of an operator decodes to a valid (non-decreasing) config
 * without ever being discarded.
 */
public final class SparsityCodec {

    /** Highest level, ratio 0.8. */
    public static final int MAX_LEVEL = WindowGrid.MAX_LEVEL;
    /** Number of alleles per gene: levels 0..8. */
    public static final int ALLELES = MAX_LEVEL + 1;

    private final GeneLayout layout;

    public SparsityCodec(GeneLayout layout) {
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    public GeneLayout layout() {
        return layout;
    }

    /** Sorts the genes of each stage ascending, in place; returns {@code genes}. */
    public int[] repair(int[] genes) {
        requireLength(genes.length);
        for (int s = 0; s < layout.numStages(); s++) {
            int from = layout.stageStart(s);
            int to = layout.stageEnd(s);
            if (to - from > 1) {
                Arrays.sort(genes, from, to);
            }
        }
        return genes;
    }

    /** The genome of {@code genes} after {@link #repair} (which sorts them in place). */
    public Genome repaired(int[] genes) {
        return Genome.wrap(repair(genes));
    }

    /** Whether {@code genome} is non-decreasing within every stage (what {@link #repair} ensures). */
    public boolean isRepaired(Genome genome) {
        requireLength(genome.length());
        for (int g = 1; g < genome.length(); g++) {
            if (layout.stageOf(g) == layout.stageOf(g - 1) && genome.gene(g) < genome.gene(g - 1)) {
                return false;
            }
        }
        return true;
    }

    /** The configuration of a repaired genome. */
    public SparsityConfig decode(Genome genome) {
        if (!isRepaired(genome)) {
            throw new IllegalArgumentException("genome " + genome + " decreases within a stage; repair it first");
        }
        var arch = layout.arch();
        int[][] levels = new int[arch.numStages()][];
        for (int s = 0; s < levels.length; s++) {
            levels[s] = new int[arch.depth(s)];
        }
        for (int g = 0; g < genome.length(); g++) {
            int first = layout.firstBlock(g);
            Arrays.fill(levels[layout.stageOf(g)], first, first + layout.blockCount(g), genome.gene(g));
        }
        return SparsityConfig.ofLevels(levels);
    }

    /**
     * The genome of {@code config}. It must match the architecture and give every block of a gene
     * the same level (at pair granularity: both blocks of a pair; at stage granularity: the whole stage).
     */
    public Genome encode(SparsityConfig config) {
        config.requireMatches(layout.arch());
        int[] genes = new int[layout.size()];
        for (int g = 0; g < genes.length; g++) {
            int s = layout.stageOf(g);
            int first = layout.firstBlock(g);
            genes[g] = config.level(s, first);
            for (int b = first + 1; b < first + layout.blockCount(g); b++) {
                if (config.level(s, b) != genes[g]) {
                    throw new InvalidInputException("stage " + s + " block " + b + ": ratio "
                            + config.ratio(s, b) + " differs from block " + first + "'s "
                            + config.ratio(s, first) + "; at " + layout.granularity().id()
                            + " granularity blocks " + first + "-" + (first + layout.blockCount(g) - 1)
                            + " share one ratio");
                }
            }
        }
        return Genome.wrap(genes);
    }

    /** The genome with every gene at {@code level}: dense at 0, the sparsest configuration at 8. */
    public Genome uniform(int level) {
        int[] genes = new int[layout.size()];
        Arrays.fill(genes, level);
        return Genome.of(genes);
    }

    private void requireLength(int length) {
        if (length != layout.size()) {
            throw new IllegalArgumentException("genome has " + length + " genes but the "
                    + layout.granularity().id() + " layout of " + layout.arch().name() + " has " + layout.size());
        }
    }
}
