package org.sparsevit4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Analytic MAC count of a Swin model under window pruning: the cheap cost the search uses to
 * reject configurations over a MAC budget before evaluating them.
 *
 * <p>A block runs only on its kept windows, each costing {@code qkv 3NC² + proj NC² +
 * MLP 2NC·hidden + (QKᵀ, A·V) 2N²C} with N = window² tokens and C the stage width; windows are
 * counted after padding the stage's map to multiples of the window, as the model pads. Patch
 * embedding, patch merging and the head are dense. Norms, softmax, biases and residual adds are
 * not counted, as in the paper's figures.
 */
public final class MacCounter {

    private MacCounter() {
    }

    /** MACs of {@code arch} on one {@code height x width} image under {@code config} (may be dense). */
    public static MacCount count(ArchitectureSpec arch, int height, int width, SparsityConfig config) {
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(config, "config");
        config.requireMatches(arch);
        List<FeatureSize> sizes = arch.stageSizes(height, width);

        FeatureSize first = sizes.get(0);
        long patch = arch.patchSize();
        long patchEmbed = (long) first.height() * first.width() * arch.embedDim()
                * arch.inChannels() * patch * patch;

        long window = arch.windowSize();
        long tokens = window * window;
        long blocks = 0;
        long merging = 0;
        List<List<Long>> perBlock = new ArrayList<>(arch.numStages());
        for (int s = 0; s < arch.numStages(); s++) {
            FeatureSize size = sizes.get(s);
            long c = arch.dim(s);
            long perWindow = 4 * tokens * c * c                     // qkv + output projection
                    + 2 * tokens * c * arch.mlpHidden(s)            // fc1 + fc2
                    + 2 * tokens * tokens * c;                      // QKᵀ + A·V
            int numWindows = WindowGrid.numWindows(size.height(), size.width(), arch.windowSize());
            List<Long> stage = new ArrayList<>(arch.depth(s));
            for (int b = 0; b < arch.depth(s); b++) {
                long macs = WindowGrid.keptWindows(numWindows, config.level(s, b)) * perWindow;
                stage.add(macs);
                blocks += macs;
            }
            perBlock.add(stage);
            if (s + 1 < arch.numStages()) {
                // Merging pads an odd map, concatenates 2x2 neighbours (4C) and projects to 2C.
                FeatureSize next = sizes.get(s + 1);
                merging += (long) next.height() * next.width() * (4 * c) * (2 * c);
            }
        }
        long head = (long) arch.finalDim() * arch.numClasses();
        return new MacCount(patchEmbed, blocks, merging, head, perBlock);
    }
}
