package org.sparsevit4j.core;

import java.util.List;
import java.util.Objects;

/**
 * Multiply-accumulates of one forward pass at batch 1, split by model part.
 *
 * @param patchEmbed the patch-embedding convolution (dense)
 * @param blocks all transformer blocks, on their kept windows only
 * @param merging the patch-merging reductions between stages (dense)
 * @param head the classification head (dense)
 * @param perBlock MACs of each block, {@code perBlock.get(stage).get(block)}; they sum to {@code blocks}
 */
public record MacCount(long patchEmbed, long blocks, long merging, long head, List<List<Long>> perBlock) {

    public MacCount {
        Objects.requireNonNull(perBlock, "perBlock");
        perBlock = perBlock.stream().map(List::copyOf).toList();
    }

    /** Everything but the head: what the paper's GMAC figures and the search budget refer to. */
    public long backbone() {
        return patchEmbed + blocks + merging;
    }

    public long total() {
        return backbone() + head;
    }
}
