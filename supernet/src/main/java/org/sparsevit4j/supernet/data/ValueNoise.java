package org.sparsevit4j.supernet.data;

import org.sparsevit4j.core.SplitMix64;

/**
 * Smooth value noise: random values on a grid of {@code cells} cells along the longer side,
 * blended with a smoothstep, {@code channels} values per node: a shared brightness offset of
 * ±{@code brightness} plus a per-channel offset of ±{@code chroma}.
 */
final class ValueNoise {
    private final int channels;
    private final int nodesX;
    private final double[] nodes;
    private final int[] cellX;
    private final double[] blendX;
    private final int[] cellY;
    private final double[] blendY;
    private final double[] rowNodes;

    ValueNoise(SplitMix64 rng, int height, int width, int cells, int channels, double brightness, double chroma) {
        this.channels = channels;
        double cellSize = (double) Math.max(height, width) / cells;
        this.nodesX = (int) Math.ceil(width / cellSize) + 1;
        int nodesY = (int) Math.ceil(height / cellSize) + 1;
        this.nodes = new double[nodesY * nodesX * channels];
        for (int n = 0; n < nodesY * nodesX; n++) {
            double light = brightness * (2 * rng.nextDouble() - 1);
            for (int c = 0; c < channels; c++) {
                nodes[n * channels + c] = light + chroma * (2 * rng.nextDouble() - 1);
            }
        }
        this.cellX = new int[width];
        this.blendX = new double[width];
        for (int x = 0; x < width; x++) {
            double t = (x + 0.5) / cellSize;
            cellX[x] = (int) t;
            blendX[x] = smoothstep(t - cellX[x]);
        }
        this.cellY = new int[height];
        this.blendY = new double[height];
        for (int y = 0; y < height; y++) {
            double t = (y + 0.5) / cellSize;
            cellY[y] = (int) t;
            blendY[y] = smoothstep(t - cellY[y]);
        }
        this.rowNodes = new double[nodesX * channels];
    }

    /** Writes row {@code y}'s values, {@code channels} per pixel, into {@code out}. */
    void row(int y, double[] out) {
        int top = cellY[y] * nodesX * channels;
        int bottom = top + nodesX * channels;
        double t = blendY[y];
        for (int i = 0; i < nodesX * channels; i++) {
            rowNodes[i] = nodes[top + i] + t * (nodes[bottom + i] - nodes[top + i]);
        }
        for (int x = 0; x < blendX.length; x++) {
            int left = cellX[x] * channels;
            double s = blendX[x];
            for (int c = 0; c < channels; c++) {
                double a = rowNodes[left + c];
                out[x * channels + c] = a + s * (rowNodes[left + channels + c] - a);
            }
        }
    }

    private static double smoothstep(double t) {
        return t * t * (3 - 2 * t);
    }
}
