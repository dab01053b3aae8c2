package org.sparsevit4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sparsevit4j.core.ArchitectureSpec;

/**
 * Which blocks each gene covers, for an architecture and a {@link Granularity}. Genes are laid out
 * stage by stage; within a stage gene {@code i} covers consecutive blocks, so sorting a stage's
 * genes ascending makes the decoded ratios non-decreasing within the stage.
 *
 * <p>Example: Swin-T (depths 2, 2, 6, 2) has 1 + 1 + 3 + 1 = 6 genes at pair granularity,
 * 12 at block granularity and 4 at stage granularity.
 */
public final class GeneLayout {

    private final ArchitectureSpec arch;
    private final Granularity granularity;
    private final int[] geneStage;
    private final int[] geneFirstBlock;
    private final int[] geneBlockCount;
    private final int[] stageFirstGene;

    public GeneLayout(ArchitectureSpec arch, Granularity granularity) {
        this.arch = Objects.requireNonNull(arch, "arch");
        this.granularity = Objects.requireNonNull(granularity, "granularity");
        List<int[]> genes = new ArrayList<>();
        stageFirstGene = new int[arch.numStages() + 1];
        for (int s = 0; s < arch.numStages(); s++) {
            stageFirstGene[s] = genes.size();
            int depth = arch.depth(s);
            int width = switch (granularity) {
                case BLOCK -> 1;
                case PAIR -> 2;
                case STAGE -> depth;
            };
            for (int first = 0; first < depth; first += width) {
                genes.add(new int[] {s, first, Math.min(width, depth - first)});
            }
        }
        stageFirstGene[arch.numStages()] = genes.size();
        geneStage = genes.stream().mapToInt(g -> g[0]).toArray();
        geneFirstBlock = genes.stream().mapToInt(g -> g[1]).toArray();
        geneBlockCount = genes.stream().mapToInt(g -> g[2]).toArray();
    }

    public ArchitectureSpec arch() {
        return arch;
    }

    public Granularity granularity() {
        return granularity;
    }

    /** Number of genes. */
    public int size() {
        return geneStage.length;
    }

    public int numStages() {
        return stageFirstGene.length - 1;
    }

    /** Index of the first gene of {@code stage}. */
    public int stageStart(int stage) {
        return stageFirstGene[Objects.checkIndex(stage, numStages())];
    }

    /** One past the last gene of {@code stage}. */
    public int stageEnd(int stage) {
        return stageFirstGene[Objects.checkIndex(stage, numStages()) + 1];
    }

    public int stageOf(int gene) {
        return geneStage[gene];
    }

    /** First block (within its stage) that {@code gene} covers. */
    public int firstBlock(int gene) {
        return geneFirstBlock[gene];
    }

    /** Number of consecutive blocks {@code gene} covers: 1, 2, or a whole stage. */
    public int blockCount(int gene) {
        return geneBlockCount[gene];
    }

    /** Human-readable name of a gene for messages and CSV headers, e.g. {@code s2b2-3}. */
    public String geneName(int gene) {
        int first = geneFirstBlock[gene];
        int last = first + geneBlockCount[gene] - 1;
        return "s" + geneStage[gene] + "b" + (first == last ? String.valueOf(first) : first + "-" + last);
    }
}
