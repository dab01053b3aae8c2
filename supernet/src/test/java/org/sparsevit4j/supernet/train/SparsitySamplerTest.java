package org.sparsevit4j.supernet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.Granularity;

/** SAA's configurations: a uniform level per block pair, sorted within each stage. */
class SparsitySamplerTest {

    private static final int DRAWS = 9000;
    /** Chi-square with 8 degrees of freedom: P(X > 26.12) = 0.001, the false-failure rate per stage. */
    private static final double CHI_SQUARE_8_AT_0_001 = 26.12;

    @Test
    void aSinglePairStageIsUniformOverTheNineLevels() {
        ArchitectureSpec micro = ArchitectureSpec.preset("swin_micro"); // every stage is one block pair
        SparsitySampler sampler = new SparsitySampler(micro, Granularity.PAIR, 42);
        int[][] counts = new int[micro.numStages()][9];
        for (int i = 0; i < DRAWS; i++) {
            SparsityConfig c = sampler.next();
            for (int s = 0; s < micro.numStages(); s++) {
                assertEquals(c.level(s, 0), c.level(s, 1), "the two blocks of a pair share a ratio");
                counts[s][c.level(s, 0)]++;
            }
        }
        double expected = DRAWS / 9.0;
        for (int s = 0; s < micro.numStages(); s++) {
            double chi = 0;
            for (int level = 0; level < 9; level++) {
                chi += Math.pow(counts[s][level] - expected, 2) / expected;
            }
            assertTrue(chi < CHI_SQUARE_8_AT_0_001, "stage " + s + " chi-square " + chi);
        }
    }

    @Test
    void aStageOfSeveralPairsIsSortedAndItsSmallestLevelIsTheMinimumOfUniforms() {
        ArchitectureSpec swinT = ArchitectureSpec.preset("swin_t"); // stage 2: three pairs
        SparsitySampler sampler = new SparsitySampler(swinT, Granularity.PAIR, 7);
        int zeroFirst = 0;
        for (int i = 0; i < DRAWS; i++) {
            SparsityConfig c = sampler.next();
            for (int b = 1; b < 6; b++) {
                assertTrue(c.level(2, b) >= c.level(2, b - 1));
            }
            zeroFirst += c.level(2, 0) == 0 ? 1 : 0;
        }
        // the first block holds the minimum of three uniform draws: P(min = 0) = 1 - (8/9)^3 = 0.2977;
        // a 4.5-sigma band (sigma = 0.0048 at 9000 draws) fails falsely about once in 150,000 runs
        double share = (double) zeroFirst / DRAWS;
        assertEquals(1 - Math.pow(8.0 / 9, 3), share, 4.5 * Math.sqrt(0.2977 * 0.7023 / DRAWS));
    }

    @Test
    void theSameStateGivesTheSameSequence() {
        ArchitectureSpec swinT = ArchitectureSpec.preset("swin_t");
        SparsitySampler a = new SparsitySampler(swinT, Granularity.PAIR, 3);
        SparsitySampler b = new SparsitySampler(swinT, Granularity.PAIR, 3);
        a.next();
        SparsitySampler resumed = new SparsitySampler(swinT, Granularity.PAIR, a.state());
        b.next();
        assertEquals(b.next(), resumed.next());
    }
}
