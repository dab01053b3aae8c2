package org.sparsevit4j.core;

/**
 * The input size at which the dense model costs what a pruned one costs at full size: the other way
 * to spend fewer MACs, downsampling the input, which the paper compares window pruning against.
 *
 * <p>Candidates keep the full size's aspect ratio and step by the patch size (a side that is not a
 * multiple of it loses its last pixels in the patch embedding). The answer is the largest whose dense
 * backbone MACs do not exceed the ceiling, so downsampling is never given more compute than the
 * configuration it is compared with; window padding makes MACs rise in steps, so a slightly smaller
 * input can cost as much as a larger one.
 */
public final class EqualMacResolution {

    private EqualMacResolution() {
    }

    /**
     * {@code {height, width}} of the largest input of {@code arch}, in the aspect ratio of
     * {@code height x width}, whose dense backbone MACs are at most {@code maxMacs}; the smallest one
     * (one patch on the shorter side) when none is.
     */
    public static int[] of(ArchitectureSpec arch, int height, int width, long maxMacs) {
        int patch = arch.patchSize();
        SparsityConfig dense = SparsityConfig.dense(arch);
        int shorter = Math.min(height, width);
        int[] best = {scaled(height, patch, shorter, patch), scaled(width, patch, shorter, patch)};
        for (int side = 2 * patch; side <= shorter; side += patch) {
            int h = scaled(height, side, shorter, patch);
            int w = scaled(width, side, shorter, patch);
            if (MacCounter.count(arch, h, w, dense).backbone() <= maxMacs) {
                best = new int[] {h, w};
            }
        }
        return best;
    }

    /** {@code full} scaled by {@code side / shorter}, rounded to a multiple of the patch, at least one patch. */
    private static int scaled(int full, int side, int shorter, int patch) {
        long exact = Math.round((double) full * side / shorter / patch);
        return (int) Math.max(1, exact) * patch;
    }
}
