package org.sparsevit4j.core;

import java.util.ArrayList;
import java.util.List;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.FeatureSize;
import org.sparsevit4j.core.WindowGrid;

/**
 * Where the attention windows of one stage lie in the model's input, in pixels.
 *
 * <p>A token of the stage covers {@code tokenSize() x tokenSize()} input pixels (the patch times
 * 2^stage). The {@code mapHeight x mapWidth} token map is padded at the bottom and right to
 * multiples of the window, and windows are numbered row-major over that padded grid. Windows of
 * the shifted partition are those of the padded map rolled up by {@code shiftHeight} and left by
 * {@code shiftWidth} tokens, so one of them can wrap around the map's edges into up to four
 * pieces. Pieces are clipped to the real tokens and to the pixels the model sees: window padding
 * covers none, nor does the row or column patch merging adds to an odd map, nor the last
 * {@code input mod patch} rows and columns, which the patch embedding drops.
 *
 * @param mapHeight token rows of the stage's map
 * @param mapWidth token columns
 * @param window window side in tokens
 * @param shiftHeight rows the shifted partition rolls the padded map up by
 * @param shiftWidth columns it rolls the padded map left by
 * @param patchSize input pixels per token side of stage 0
 * @param stage the stage, whose tokens are {@code patchSize * 2^stage} pixels
 * @param inputHeight rows of the model's input
 * @param inputWidth columns of the model's input
 */
public record WindowGeometry(int mapHeight, int mapWidth, int window, int shiftHeight, int shiftWidth, int patchSize,
        int stage, int inputHeight, int inputWidth) {

    /**
     * A rectangle of pixels, {@code [x0, x1) x [y0, y1)}.
     *
     * @param x0 first column
     * @param y0 first row
     * @param x1 column after the last
     * @param y1 row after the last
     */
    public record Box(int x0, int y0, int x1, int y1) {
    }

    public WindowGeometry {
        if (mapHeight < 1 || mapWidth < 1 || window < 1 || patchSize < 1 || stage < 0 || stage > 20 || inputHeight < 1
                || inputWidth < 1) {
            throw new IllegalArgumentException("window geometry of a " + mapHeight + "x" + mapWidth + " map, window "
                    + window + ", patch " + patchSize + ", stage " + stage + ", input " + inputHeight + "x" + inputWidth
                    + ": every size must be positive");
        }
        if (shiftHeight < 0 || shiftHeight >= window || shiftWidth < 0 || shiftWidth >= window) {
            throw new IllegalArgumentException("shift " + shiftHeight + "x" + shiftWidth + " must lie in [0, window "
                    + window + ")");
        }
    }

    /** The geometry of {@code stage} of {@code arch} on a {@code inputHeight x inputWidth} input, as the model partitions it. */
    public static WindowGeometry of(ArchitectureSpec arch, int stage, int inputHeight, int inputWidth) {
        FeatureSize map = arch.stageSizes(inputHeight, inputWidth).get(stage);
        int window = arch.windowSize();
        return new WindowGeometry(map.height(), map.width(), window,
                WindowGrid.shift(WindowGrid.padded(map.height(), window), window),
                WindowGrid.shift(WindowGrid.padded(map.width(), window), window),
                arch.patchSize(), stage, inputHeight, inputWidth);
    }

    /** Input pixels per token side. */
    public int tokenSize() {
        return patchSize << stage;
    }

    public int windowsPerRow() {
        return WindowGrid.padded(mapWidth, window) / window;
    }

    public int numWindows() {
        return WindowGrid.numWindows(mapHeight, mapWidth, window);
    }

    /** Whether the shifted partition differs from the regular one (the model shifts no axis a single window covers). */
    public boolean shifts() {
        return shiftHeight + shiftWidth > 0;
    }

    /**
     * The input pixels that window {@code index} of the regular or the shifted partition covers:
     * one box for a regular window, up to four for a shifted one that wraps around, none for a
     * window that lies wholly in padding.
     */
    public List<Box> pixels(int index, boolean shifted) {
        if (index < 0 || index >= numWindows()) {
            throw new IllegalArgumentException("window " + index + " of " + numWindows());
        }
        int row = index / windowsPerRow();
        int col = index % windowsPerRow();
        List<int[]> rows = unrolled(row * window, shifted ? shiftHeight : 0, WindowGrid.padded(mapHeight, window),
                mapHeight, seen(inputHeight));
        List<int[]> cols = unrolled(col * window, shifted ? shiftWidth : 0, WindowGrid.padded(mapWidth, window),
                mapWidth, seen(inputWidth));
        List<Box> boxes = new ArrayList<>(rows.size() * cols.size());
        for (int[] r : rows) {
            for (int[] c : cols) {
                boxes.add(new Box(c[0], r[0], c[1], r[1]));
            }
        }
        return boxes;
    }

    /**
     * The pixel intervals of the tokens {@code [start, start + window)} of a map rolled by
     * {@code shift}: rolled token {@code t} is token {@code (t + shift) mod padded} of the map, so
     * the interval may wrap into two. Each is clipped to the real tokens and to the {@code seen}
     * pixels; empty ones are dropped.
     */
    private List<int[]> unrolled(int start, int shift, int padded, int real, int seen) {
        int first = (start + shift) % padded;
        int end = first + window;
        List<int[]> tokens = end <= padded
                ? List.of(new int[] {first, end})
                : List.of(new int[] {first, padded}, new int[] {0, end - padded});
        List<int[]> out = new ArrayList<>(2);
        for (int[] t : tokens) {
            int from = Math.min(t[0], real) * tokenSize();
            int to = Math.min(Math.min(t[1], real) * tokenSize(), seen);
            if (from < to) {
                out.add(new int[] {from, to});
            }
        }
        return out;
    }

    /** The pixels of an input side that some token covers: those before the patch embedding's remainder. */
    private int seen(int inputSide) {
        return inputSide / patchSize * patchSize;
    }
}
