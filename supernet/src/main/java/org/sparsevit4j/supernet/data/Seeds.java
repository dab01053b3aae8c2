package org.sparsevit4j.supernet.data;

import org.sparsevit4j.core.SplitMix64;

/**
 * Seeds of independent random streams derived from a root seed and a path of numbers (a split, an
 * epoch, an index), so that every random choice of the data pipeline is a pure function of where
 * it happens and never of which thread happened to draw first.
 */
final class Seeds {

    /** Stream tags, so that streams for different purposes never coincide. */
    static final long SEARCH_SPLIT = 0x5EA2C4L;
    static final long EPOCH_ORDER = 0xE90C4L;
    static final long AUGMENT = 0xA06L;
    static final long SCENE = 0x5CE4EL;

    private Seeds() {
    }

    /** The seed of the stream at {@code path} below {@code seed}. */
    static long derive(long seed, long... path) {
        long h = seed;
        for (long step : path) {
            h = SplitMix64.deriveSeed(h, step);
        }
        return h;
    }
}
