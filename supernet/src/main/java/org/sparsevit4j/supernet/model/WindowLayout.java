package org.sparsevit4j.supernet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.sparsevit4j.core.WindowGrid;

/**
 * Where every token of one stage's feature map lives when the stage keeps its state in windows,
 * built once per feature-map size and reused by every forward pass.
 *
 * <p>A stage holds its tokens as {@code (B, nW, N, C)} in <em>regular</em> window order over the
 * map padded to {@code Hp × Wp}: window {@code w = row·nWw + col}, token {@code t = i·M + j}.
 * Shifted blocks see the same tokens through {@link #shiftOrder}: the regular-order position of
 * each token of the map rolled by −⌊M/2⌋ (per axis, and only where M is smaller than the padded
 * side, torchvision's rule), partitioned into windows. Gathering by these indices replaces the
 * pad/roll/partition/reverse that the reference runs around every block.
 *
 * <p>Shapes (all int64 indices or float32 masks, on the cache manager):
 * <ul>
 *   <li>{@code entry (nW·N)}: for each regular-order position, the flat index {@code r·W + c} of
 *       its token in the {@code (H·W)} map, or {@code H·W} for padding (a zero row appended).</li>
 *   <li>{@code exit (H·W)}: the regular-order position of each real token.</li>
 *   <li>{@code shiftOrder (nW·N)} and {@code shiftOrderByWindow (nW, N)}; {@code shiftInverse}.</li>
 *   <li>{@code validRegular}, {@code validShifted (nW, N, 1)}: 1 for real tokens, null without
 *       padding; {@code validTokens (nW, N)} for importance.</li>
 *   <li>{@code shiftMask (nW, 1, N, N)}: 0 inside a region, −100 across regions (torchvision's
 *       values), null when no axis shifts.</li>
 * </ul>
 */
public final class WindowLayout {

    private static final float MASKED = -100f;

    private final int height;
    private final int width;
    private final int window;
    private final int paddedHeight;
    private final int paddedWidth;
    private final int windowsPerRow;
    private final int numWindows;
    private final int tokensPerWindow;
    private final int shiftH;
    private final int shiftW;

    private final NDArray entry;
    private final NDArray exit;
    private final NDArray shiftOrder;
    private final NDArray shiftOrderByWindow;
    private final NDArray shiftInverse;
    private final NDArray validRegular;
    private final NDArray validShifted;
    private final NDArray validTokens;
    private final NDArray shiftMask;

    WindowLayout(int height, int width, int window, DataType type, NDManager cache) {
        this.height = height;
        this.width = width;
        this.window = window;
        paddedHeight = WindowGrid.padded(height, window);
        paddedWidth = WindowGrid.padded(width, window);
        windowsPerRow = paddedWidth / window;
        numWindows = (paddedHeight / window) * windowsPerRow;
        tokensPerWindow = window * window;
        shiftH = WindowGrid.shift(paddedHeight, window);
        shiftW = WindowGrid.shift(paddedWidth, window);
        int positions = numWindows * tokensPerWindow;

        long[] entryIdx = new long[positions];
        long[] exitIdx = new long[height * width];
        float[] valid = new float[positions];
        for (int r = 0; r < paddedHeight; r++) {
            for (int c = 0; c < paddedWidth; c++) {
                int p = regularPosition(r, c);
                boolean real = r < height && c < width;
                entryIdx[p] = real ? (long) r * width + c : (long) height * width;
                valid[p] = real ? 1f : 0f;
                if (real) {
                    exitIdx[r * width + c] = p;
                }
            }
        }
        long[] shifted = new long[positions];
        long[] inverse = new long[positions];
        float[] validShift = new float[positions];
        for (int r = 0; r < paddedHeight; r++) {
            for (int c = 0; c < paddedWidth; c++) {
                // a roll by -shift puts original row (r + shift) mod Hp at row r
                int q = regularPosition(r, c);
                int p = regularPosition((r + shiftH) % paddedHeight, (c + shiftW) % paddedWidth);
                shifted[q] = p;
                inverse[p] = q;
                validShift[q] = valid[p];
            }
        }
        boolean padded = paddedHeight != height || paddedWidth != width;
        Shape byToken = new Shape(numWindows, tokensPerWindow, 1);
        entry = cache.create(entryIdx);
        exit = cache.create(exitIdx);
        shiftOrder = cache.create(shifted);
        shiftOrderByWindow = shiftOrder.reshape(numWindows, tokensPerWindow);
        shiftInverse = cache.create(inverse);
        validTokens = typed(cache.create(valid, new Shape(numWindows, tokensPerWindow)), type);
        validRegular = padded ? typed(cache.create(valid, byToken), type) : null;
        validShifted = padded ? typed(cache.create(validShift, byToken), type) : null;
        shiftMask = shifts()
                ? typed(cache.create(buildShiftMask(), new Shape(numWindows, 1, tokensPerWindow, tokensPerWindow)), type)
                : null;
    }

    /** {@code array} in {@code type} (0, 1 and −100 are exact in every float type), on the same manager. */
    private static NDArray typed(NDArray array, DataType type) {
        if (array.getDataType() == type) {
            return array;
        }
        NDArray cast = array.toType(type, false);
        array.close();
        return cast;
    }

    /** Regular-order position of padded-map cell (r, c). */
    int regularPosition(int r, int c) {
        int w = (r / window) * windowsPerRow + c / window;
        return w * tokensPerWindow + (r % window) * window + c % window;
    }

    /**
     * torchvision's mask: label the rolled padded map by region (three row bands times three
     * column bands, built with Python slice semantics so a zero shift degenerates the same way),
     * then forbid attention between tokens of different labels within a window.
     */
    private float[] buildShiftMask() {
        int[] label = new int[paddedHeight * paddedWidth];
        int[][] rows = bands(paddedHeight, shiftH);
        int[][] cols = bands(paddedWidth, shiftW);
        int count = 0;
        for (int[] rb : rows) {
            for (int[] cb : cols) {
                for (int r = rb[0]; r < rb[1]; r++) {
                    for (int c = cb[0]; c < cb[1]; c++) {
                        label[r * paddedWidth + c] = count;
                    }
                }
                count++;
            }
        }
        int n = tokensPerWindow;
        int[] windowLabels = new int[numWindows * n];
        for (int r = 0; r < paddedHeight; r++) {
            for (int c = 0; c < paddedWidth; c++) {
                windowLabels[regularPosition(r, c)] = label[r * paddedWidth + c];
            }
        }
        float[] mask = new float[numWindows * n * n];
        for (int w = 0; w < numWindows; w++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    boolean same = windowLabels[w * n + i] == windowLabels[w * n + j];
                    mask[(w * n + i) * n + j] = same ? 0f : MASKED;
                }
            }
        }
        return mask;
    }

    /** The bands {@code [0, -M)}, {@code [-M, -s)}, {@code [-s, end)} resolved like Python slices. */
    private int[][] bands(int size, int shift) {
        return new int[][] {
            {0, Math.max(0, size - window)},
            {Math.max(0, size - window), shift == 0 ? 0 : size - shift},
            {shift == 0 ? 0 : size - shift, size},
        };
    }

    /** Whether shifted blocks shift at all on this map (torchvision skips the shift, and the mask, when no axis shifts). */
    public boolean shifts() {
        return shiftH + shiftW > 0;
    }

    public int paddedHeight() {
        return paddedHeight;
    }

    public int paddedWidth() {
        return paddedWidth;
    }

    public boolean padded() {
        return validRegular != null;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Window side in tokens. */
    public int window() {
        return window;
    }

    /** Windows per row of the padded grid; window {@code w} sits at row {@code w / windowsPerRow}. */
    public int windowsPerRow() {
        return windowsPerRow;
    }

    /** Rows by which shifted blocks roll the padded map up (0 when that axis does not shift). */
    public int shiftHeight() {
        return shiftH;
    }

    /** Columns by which shifted blocks roll the padded map left (0 when that axis does not shift). */
    public int shiftWidth() {
        return shiftW;
    }

    public int numWindows() {
        return numWindows;
    }

    public int tokensPerWindow() {
        return tokensPerWindow;
    }

    NDArray entry() {
        return entry;
    }

    NDArray exit() {
        return exit;
    }

    NDArray shiftOrder() {
        return shiftOrder;
    }

    NDArray shiftOrderByWindow() {
        return shiftOrderByWindow;
    }

    NDArray shiftInverse() {
        return shiftInverse;
    }

    NDArray validRegular() {
        return validRegular;
    }

    NDArray validShifted() {
        return validShifted;
    }

    NDArray validTokens() {
        return validTokens;
    }

    NDArray shiftMask() {
        return shiftMask;
    }
}
