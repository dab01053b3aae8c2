package org.sparsevit4j.supernet.data;

/**
 * Per-pixel sensor-like noise for the generated scenes: triangular noise per channel, one hash per
 * pixel, so a scene stays a pure function of its seed whatever order its pixels are drawn in.
 */
final class PixelNoise {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private PixelNoise() {
    }

    /**
     * Packed {@code 0xRRGGBB} pixels to HWC bytes with triangular noise of ±{@code amplitude} added to
     * each channel (clamped to 0..255).
     */
    static byte[] apply(long seed, int[] packed, int amplitude) {
        byte[] rgb = new byte[packed.length * 3];
        for (int i = 0; i < packed.length; i++) {
            long h = mix(seed + (i + 1L) * GOLDEN);
            int p = packed[i];
            for (int c = 0; c < 3; c++) {
                int bits = (int) (h >>> (16 * c));
                int triangular = (bits & 0xFF) + ((bits >>> 8) & 0xFF) - 255;
                int value = ((p >>> (16 - 8 * c)) & 0xFF) + triangular * amplitude / 255;
                rgb[3 * i + c] = (byte) Math.max(0, Math.min(255, value));
            }
        }
        return rgb;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
