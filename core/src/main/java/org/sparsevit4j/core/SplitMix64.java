package org.sparsevit4j.core;

import java.util.random.RandomGenerator;

/**
 * A seeded random generator whose whole state is one {@code long}, so a search can write it to
 * its state file after every generation and continue the identical stream after a resume.
 *
 * <p>The algorithm is SplitMix64 (Steele, Lea and Flood, OOPSLA 2014; the generator behind
 * {@code java.util.SplittableRandom}). {@link #nextInt(int)} and {@link #nextDouble()} are
 * implemented here rather than inherited from {@link RandomGenerator}'s defaults so that a
 * search's results cannot change with the JDK. Not thread-safe: one generator per thread of
 * alteration, which is single-threaded.
 */
public final class SplitMix64 implements RandomGenerator {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long state;

    private SplitMix64(long state) {
        this.state = state;
    }

    /** A generator seeded with {@code seed}. */
    public static SplitMix64 seeded(long seed) {
        return new SplitMix64(seed);
    }

    /** A generator that continues from a state returned by {@link #state()}. */
    public static SplitMix64 ofState(long state) {
        return new SplitMix64(state);
    }

    /** A seed for an independent stream derived from {@code seed} and a stream number. */
    public static long deriveSeed(long seed, long stream) {
        return mix(seed ^ mix(stream + GOLDEN_GAMMA));
    }

    /** The current state; {@link #ofState} with it continues this exact sequence. */
    public long state() {
        return state;
    }

    @Override
    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in {@code [0, bound)}: Lemire's multiply-shift with rejection, so exactly unbiased. */
    @Override
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound " + bound + " must be positive");
        }
        long product = (nextLong() >>> 32) * bound;
        long low = product & 0xffffffffL;
        if (low < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound;
            while (low < threshold) {
                product = (nextLong() >>> 32) * bound;
                low = product & 0xffffffffL;
            }
        }
        return (int) (product >>> 32);
    }

    /** Uniform in {@code [0, 1)} with 53 random bits. */
    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    @Override
    public boolean nextBoolean() {
        return nextLong() < 0;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
