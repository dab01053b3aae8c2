package org.sparsevit4j.profiler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.WindowGrid;
import org.sparsevit4j.search.SplitMix64;

/**
 * Random valid configurations for checking a latency table against measurement: the paper's
 * space, one ratio per pair of blocks (regular and shifted share one), each drawn uniformly from
 * 0.0..0.8 and sorted within the stage so ratios never decrease. Seeded; the same seed gives the
 * same list.
 */
public final class RandomConfigs {

    private RandomConfigs() {
    }

    /** {@code count} configurations of {@code arch} drawn with {@code seed}. */
    public static List<SparsityConfig> draw(ArchitectureSpec arch, int count, long seed) {
        SplitMix64 random = SplitMix64.seeded(seed);
        List<SparsityConfig> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int[][] levels = new int[arch.numStages()][];
            for (int s = 0; s < levels.length; s++) {
                int pairs = (arch.depth(s) + 1) / 2;
                int[] pairLevels = new int[pairs];
                for (int p = 0; p < pairs; p++) {
                    pairLevels[p] = random.nextInt(WindowGrid.MAX_LEVEL + 1);
                }
                Arrays.sort(pairLevels);
                levels[s] = new int[arch.depth(s)];
                for (int b = 0; b < levels[s].length; b++) {
                    levels[s][b] = pairLevels[b / 2];
                }
            }
            out.add(SparsityConfig.ofLevels(levels));
        }
        return out;
    }
}
