package org.sparsevit4j.core;

/**
 * Window arithmetic of a Swin stage, in one place so that the analytic MAC count, the search and
 * the DJL model can never disagree on how many windows a feature map has or how many are kept.
 *
 * <p>The arguments come from an already validated {@link ArchitectureSpec} and
 * {@link SparsityConfig}, so a bad argument here is a programming error and raises
 * {@link IllegalArgumentException}, not {@link InvalidInputException}.
 */
public final class WindowGrid {

    /** Highest sparsity level: ratio 0.8. */
    public static final int MAX_LEVEL = 8;

    private WindowGrid() {
    }

    /** {@code size} rounded up to a multiple of {@code window} (Swin pads the bottom/right). */
    public static int padded(int size, int window) {
        requirePositive("size", size);
        requirePositive("window", window);
        return Math.ceilDiv(size, window) * window;
    }

    /** Windows of a {@code h x w} map once both axes are padded to multiples of {@code window}. */
    public static int numWindows(int h, int w, int window) {
        return (padded(h, window) / window) * (padded(w, window) / window);
    }

    /**
     * Windows a block with sparsity level {@code level} (ratio {@code level / 10}) keeps out of
     * {@code numWindows}: {@code floor(numWindows * (10 - level) / 10)}.
     *
     * <p>Integer arithmetic on purpose: the reference's {@code int(nW * (1 - r))} in floating
     * point gives {@code int(5 * 0.19999999999999996) = 0} at r = 0.8, one window too few
     * whenever nW is a multiple of 5.
     */
    public static int keptWindows(int numWindows, int level) {
        if (numWindows < 0) {
            throw new IllegalArgumentException("numWindows " + numWindows + " must not be negative");
        }
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("level " + level + " must be in 0.." + MAX_LEVEL);
        }
        return (int) ((long) numWindows * (10 - level) / 10);
    }

    /**
     * Cyclic shift of a shifted-window block along one axis: {@code window / 2}, or 0 where the
     * window already covers the whole padded axis (torchvision's rule; shifting a single window
     * would only permute its tokens and mask them against each other).
     */
    public static int shift(int paddedSize, int window) {
        requirePositive("paddedSize", paddedSize);
        requirePositive("window", window);
        return window >= paddedSize ? 0 : window / 2;
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " " + value + " must be positive");
        }
    }
}
