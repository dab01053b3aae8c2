package org.sparsevit4j.supernet.weights;

import java.nio.charset.StandardCharsets;

/**
 * Pseudo-random weights and inputs that are a pure function of a tensor's name, its index and a
 * seed: SplitMix64 over an FNV-1a hash of the name. {@code tools/fixtures/make_swin_fixtures.py}
 * implements the same rule bit for bit, so the tests can rebuild the weights and inputs that the
 * torchvision references were computed with instead of storing them, and benchmarks get
 * reproducible weights of any size.
 */
public final class DeterministicWeights {

    /** The seed the committed fixtures use. */
    public static final long FIXTURE_SEED = 20231117L;

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private DeterministicWeights() {
    }

    /** {@code n} floats in [−1, 1), each with 24 random bits. */
    public static float[] uniform(String name, int n, long seed) {
        long base = fnv1a64(name) ^ seed;
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            long z = base + (i + 1L) * GOLDEN;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z = z ^ (z >>> 31);
            float u = (z >>> 40) * 0x1p-24f;
            out[i] = 2f * u - 1f;
        }
        return out;
    }

    /**
     * The value of a Swin parameter under torchvision key {@code name}: norm weights
     * {@code 1 + 0.25·u}, biases {@code 0.1·u}, relative position tables {@code 0.5·u}, other
     * weights {@code u / sqrt(fan_in)} so activations stay of order one.
     */
    public static float[] parameter(String name, long[] shape, long seed) {
        int n = Math.toIntExact(numel(shape));
        float[] v = uniform(name, n, seed);
        String leaf = name.substring(name.lastIndexOf('.') + 1);
        boolean isNorm = name.contains(".norm") || name.startsWith("norm.") || name.startsWith("features.0.2.");
        float scale;
        float offset = 0f;
        if (isNorm && leaf.equals("weight")) {
            scale = 0.25f;
            offset = 1f;
        } else if (leaf.equals("bias")) {
            scale = 0.1f;
        } else if (leaf.equals("relative_position_bias_table")) {
            scale = 0.5f;
        } else {
            long fanIn = numel(shape) / shape[0];
            scale = (float) (1.0 / Math.sqrt(fanIn));
        }
        for (int i = 0; i < n; i++) {
            v[i] = offset == 0f ? v[i] * scale : offset + v[i] * scale;
        }
        return v;
    }

    /** The test input of a batch: {@code 1.5·u} under the name the fixture script uses. */
    public static float[] input(int batch, int channels, int height, int width, int attempt, long seed) {
        String name = "input:" + batch + "x" + channels + "x" + height + "x" + width + "#" + attempt;
        float[] v = uniform(name, batch * channels * height * width, seed);
        for (int i = 0; i < v.length; i++) {
            v[i] *= 1.5f;
        }
        return v;
    }

    private static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    static long fnv1a64(String text) {
        long h = 0xCBF29CE484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001B3L;
        }
        return h;
    }
}
