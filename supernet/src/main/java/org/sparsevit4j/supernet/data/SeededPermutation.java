package org.sparsevit4j.supernet.data;

import org.sparsevit4j.core.SplitMix64;

/**
 * A permutation of {@code 0..n-1} that depends on the seed alone: Fisher–Yates driven by
 * {@link SplitMix64}, whose bounded draws are implemented in this project, so an epoch's order or
 * a search split cannot change with the JDK.
 */
final class SeededPermutation {

    private SeededPermutation() {
    }

    static int[] of(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplitMix64 rng = SplitMix64.seeded(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
