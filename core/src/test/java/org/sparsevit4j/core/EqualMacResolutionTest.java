package org.sparsevit4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EqualMacResolutionTest {

    private static final ArchitectureSpec MICRO = ArchitectureSpec.preset("swin_micro");

    private static long dense(int h, int w) {
        return MacCounter.count(MICRO, h, w, SparsityConfig.dense(MICRO)).backbone();
    }

    @Test
    void theLargestInputWithinTheCeilingAndNoLarger() {
        long pruned = MacCounter.count(MICRO, 224, 224, SparsityConfig.uniform(MICRO, 0.5)).backbone();
        int[] size = EqualMacResolution.of(MICRO, 224, 224, pruned);
        assertEquals(size[0], size[1], "a square stays square");
        assertEquals(0, size[0] % MICRO.patchSize(), "in steps of the patch");
        assertTrue(dense(size[0], size[1]) <= pruned, "within the ceiling");
        assertTrue(dense(size[0] + 4, size[1] + 4) > pruned, "one patch more is over it");
        assertTrue(size[0] < 224 && size[0] > 100, "half the MACs is well below full size: " + size[0]);
    }

    @Test
    void theFullBudgetGivesTheFullSizeAndTheAspectRatioIsKept() {
        assertArrayEquals(new int[] {224, 224}, EqualMacResolution.of(MICRO, 224, 224, dense(224, 224)));
        int[] wide = EqualMacResolution.of(MICRO, 160, 320, dense(160, 320) / 2);
        assertEquals(2.0, (double) wide[1] / wide[0], 0.1);
        assertTrue(dense(wide[0], wide[1]) <= dense(160, 320) / 2);
    }

    @Test
    void aCeilingBelowEveryInputGivesOnePatch() {
        assertArrayEquals(new int[] {4, 4}, EqualMacResolution.of(MICRO, 224, 224, 0));
    }
}
