package org.sparsevit4j.supernet.data;

/**
 * The source pixels behind each output pixel along one axis, for a resize from {@code sourceSize}
 * to {@code scaledSize} followed by a window of {@code outSize} at {@code offset} (negative: the
 * scaled image starts inside padding), optionally mirrored.
 *
 * <p>Images use a triangle filter of radius {@code max(1, sourceSize / scaledSize)} source pixels
 * around the output pixel's centre, taps outside the source dropped and the rest renormalized (PIL's
 * antialiased bilinear resize); masks use the source pixel under that centre. Output pixels that
 * fall into padding have no taps and a nearest index of -1.
 */
final class ResampleAxis {

    final int[] tapStart;
    final int[] tapCount;
    final int[] weightOffset;
    final float[] weights;
    final int[] nearest;
    /** The lowest and highest source index any tap reads; -1 and -2 when all is padding. */
    final int firstSource;
    final int lastSource;

    private ResampleAxis(int[] tapStart, int[] tapCount, int[] weightOffset, float[] weights, int[] nearest,
            int firstSource, int lastSource) {
        this.tapStart = tapStart;
        this.tapCount = tapCount;
        this.weightOffset = weightOffset;
        this.weights = weights;
        this.nearest = nearest;
        this.firstSource = firstSource;
        this.lastSource = lastSource;
    }

    static ResampleAxis of(int sourceSize, int scaledSize, int outSize, int offset, boolean mirrored) {
        double factor = (double) scaledSize / sourceSize;
        double support = Math.max(1.0, 1.0 / factor);
        int maxTaps = (int) Math.ceil(2 * support) + 2;
        int[] tapStart = new int[outSize];
        int[] tapCount = new int[outSize];
        int[] weightOffset = new int[outSize];
        int[] nearest = new int[outSize];
        float[] weights = new float[outSize * maxTaps];
        double[] w = new double[maxTaps];
        int used = 0;
        int first = Integer.MAX_VALUE;
        int last = -2;
        for (int o = 0; o < outSize; o++) {
            int scaled = (mirrored ? outSize - 1 - o : o) + offset;
            weightOffset[o] = used;
            if (scaled < 0 || scaled >= scaledSize) {
                nearest[o] = -1;
                continue;
            }
            double centre = (scaled + 0.5) / factor;
            nearest[o] = Math.min(sourceSize - 1, (int) Math.floor(centre));
            int lo = Math.max(0, (int) Math.floor(centre - support));
            int hi = Math.min(sourceSize - 1, (int) Math.ceil(centre + support));
            int n = 0;
            int start = -1;
            double sum = 0;
            for (int i = lo; i <= hi; i++) {
                double weight = 1.0 - Math.abs(i + 0.5 - centre) / support;
                if (weight <= 0) {
                    if (start >= 0) {
                        break;
                    }
                    continue;
                }
                if (start < 0) {
                    start = i;
                }
                w[n++] = weight;
                sum += weight;
            }
            tapStart[o] = start;
            tapCount[o] = n;
            for (int k = 0; k < n; k++) {
                weights[used + k] = (float) (w[k] / sum);
            }
            used += n;
            first = Math.min(first, start);
            last = Math.max(last, start + n - 1);
        }
        return new ResampleAxis(tapStart, tapCount, weightOffset, weights, nearest,
                last < 0 ? -1 : first, last);
    }
}
