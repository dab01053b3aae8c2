package org.sparsevit4j.profiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.SparsityConfig;

class RandomConfigsTest {

    private static final ArchitectureSpec SWIN_T = ArchitectureSpec.preset("swin_t");

    @Test
    void sameSeedSameListAndPairsShareARatio() {
        List<SparsityConfig> a = RandomConfigs.draw(SWIN_T, 200, 7);
        assertEquals(a, RandomConfigs.draw(SWIN_T, 200, 7));
        assertNotEquals(a, RandomConfigs.draw(SWIN_T, 200, 8));
        Set<Integer> levelsSeen = new HashSet<>();
        for (SparsityConfig c : a) {
            c.requireMatches(SWIN_T);
            for (int s = 0; s < c.numStages(); s++) {
                for (int b = 0; b + 1 < c.depth(s); b += 2) {
                    assertEquals(c.level(s, b), c.level(s, b + 1), "pair " + s + "." + b + " of " + c);
                }
                for (int b = 0; b < c.depth(s); b++) {
                    levelsSeen.add(c.level(s, b));
                }
            }
        }
        assertEquals(9, levelsSeen.size(), "every level 0..8 is drawn");
        assertTrue(new HashSet<>(a).size() > 190, "draws are spread over the space");
    }
}
