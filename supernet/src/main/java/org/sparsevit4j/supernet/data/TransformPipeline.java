package org.sparsevit4j.supernet.data;

import org.sparsevit4j.core.SplitMix64;

/**
 * Applies a {@link Transform} to a decoded image and its mask: draws the augmentation from its
 * seed, resamples in one separable pass at the output resolution (so the cost does not grow with
 * the jitter), and normalizes. Stateless and thread-safe.
 */
final class TransformPipeline {

    private TransformPipeline() {
    }

    /**
     * The sample of {@code image} under {@code transform}; {@code mask} is null for
     * classification (then {@code label} is kept), else a {@code H x W} class map, which an eval
     * transform also keeps untransformed as the sample's {@link NativeMask}.
     */
    static Sample apply(RawImage image, int[] mask, int label, int ignoreIndex, Transform transform, long seed) {
        int srcH = image.height();
        int srcW = image.width();
        int outH = transform.height();
        int outW = transform.width();
        ResampleAxis rows;
        ResampleAxis cols;
        if (transform.train()) {
            SplitMix64 rng = SplitMix64.seeded(seed);
            double jitter = transform.minScale() + (transform.maxScale() - transform.minScale()) * rng.nextDouble();
            double scale = Math.max((double) outH / srcH, (double) outW / srcW) * jitter;
            int scaledH = scaledSize(srcH, scale);
            int scaledW = scaledSize(srcW, scale);
            int offsetY = offset(rng, scaledH, outH);
            int offsetX = offset(rng, scaledW, outW);
            boolean mirrored = rng.nextBoolean() && transform.flip();
            rows = ResampleAxis.of(srcH, scaledH, outH, offsetY, false);
            cols = ResampleAxis.of(srcW, scaledW, outW, offsetX, mirrored);
        } else {
            rows = ResampleAxis.of(srcH, outH, outH, 0, false);
            cols = ResampleAxis.of(srcW, outW, outW, 0, false);
        }
        float[] pixels = resampleImage(image, rows, cols, outH, outW);
        if (mask == null) {
            return new Sample(pixels, outH, outW, label, null);
        }
        // an evaluation scores at the label's own resolution, so the untransformed mask goes along
        return new Sample(pixels, outH, outW, -1, resampleMask(mask, srcW, rows, cols, outH, outW, ignoreIndex),
                transform.train() ? null : NativeMask.of(mask, srcH, srcW));
    }

    private static int scaledSize(int size, double scale) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE / 2, Math.round(size * scale)));
    }

    /** A crop offset where the scaled image is larger, minus a placement inside padding where smaller. */
    private static int offset(SplitMix64 rng, int scaled, int out) {
        return scaled >= out ? rng.nextInt(scaled - out + 1) : -rng.nextInt(out - scaled + 1);
    }

    private static float[] resampleImage(RawImage image, ResampleAxis rows, ResampleAxis cols, int outH, int outW) {
        int srcW = image.width();
        byte[] rgb = image.rgb();
        float[] out = new float[3 * outH * outW];
        if (rows.firstSource < 0 || cols.firstSource < 0) {
            return out;
        }
        // Horizontal pass over the source rows some output row reads, at the output width.
        int firstRow = rows.firstSource;
        int rowCount = rows.lastSource - firstRow + 1;
        float[] horizontal = new float[rowCount * outW * 3];
        for (int r = 0; r < rowCount; r++) {
            int rowBase = (firstRow + r) * srcW * 3;
            int outBase = r * outW * 3;
            for (int x = 0; x < outW; x++) {
                int n = cols.tapCount[x];
                if (n == 0) {
                    continue;
                }
                int p = rowBase + cols.tapStart[x] * 3;
                int wo = cols.weightOffset[x];
                float red = 0;
                float green = 0;
                float blue = 0;
                for (int k = 0; k < n; k++, p += 3) {
                    float w = cols.weights[wo + k];
                    red += w * (rgb[p] & 0xFF);
                    green += w * (rgb[p + 1] & 0xFF);
                    blue += w * (rgb[p + 2] & 0xFF);
                }
                horizontal[outBase + x * 3] = red;
                horizontal[outBase + x * 3 + 1] = green;
                horizontal[outBase + x * 3 + 2] = blue;
            }
        }
        // Vertical pass, normalizing into CHW; padding stays 0 (the mean colour).
        int plane = outH * outW;
        float[] gain = new float[3];
        float[] bias = new float[3];
        for (int c = 0; c < 3; c++) {
            gain[c] = 1f / (255f * ImageNetNormalization.std(c));
            bias[c] = -ImageNetNormalization.mean(c) / ImageNetNormalization.std(c);
        }
        for (int y = 0; y < outH; y++) {
            int n = rows.tapCount[y];
            if (n == 0) {
                continue;
            }
            int firstTap = rows.tapStart[y] - firstRow;
            int wo = rows.weightOffset[y];
            for (int x = 0; x < outW; x++) {
                if (cols.tapCount[x] == 0) {
                    continue;
                }
                float red = 0;
                float green = 0;
                float blue = 0;
                int p = firstTap * outW * 3 + x * 3;
                for (int k = 0; k < n; k++, p += outW * 3) {
                    float w = rows.weights[wo + k];
                    red += w * horizontal[p];
                    green += w * horizontal[p + 1];
                    blue += w * horizontal[p + 2];
                }
                int q = y * outW + x;
                out[q] = red * gain[0] + bias[0];
                out[plane + q] = green * gain[1] + bias[1];
                out[2 * plane + q] = blue * gain[2] + bias[2];
            }
        }
        return out;
    }

    private static int[] resampleMask(int[] mask, int srcW, ResampleAxis rows, ResampleAxis cols, int outH, int outW,
            int ignoreIndex) {
        int[] out = new int[outH * outW];
        for (int y = 0; y < outH; y++) {
            int sy = rows.nearest[y];
            for (int x = 0; x < outW; x++) {
                int sx = cols.nearest[x];
                out[y * outW + x] = sy < 0 || sx < 0 ? ignoreIndex : mask[sy * srcW + sx];
            }
        }
        return out;
    }
}
