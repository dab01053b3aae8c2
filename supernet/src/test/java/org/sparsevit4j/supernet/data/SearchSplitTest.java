package org.sparsevit4j.supernet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparsevit4j.supernet.data.TestImages.assertInvalid;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SearchSplitTest {

    private static List<Integer> items(SplitLayout layout, Split split) {
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < layout.size(split); i++) {
            items.add(layout.itemOf(split, i));
        }
        return items;
    }

    @Test
    void theSearchSplitHasTheRequestedShareAndTrainTheRest() {
        SplitLayout layout = new SplitLayout(2000, 200, 0.10, 5, "pool");
        assertEquals(200, layout.size(Split.SEARCH));
        assertEquals(1800, layout.size(Split.TRAIN));
        assertEquals(200, layout.size(Split.VAL));
        Set<Integer> search = new HashSet<>(items(layout, Split.SEARCH));
        Set<Integer> train = new HashSet<>(items(layout, Split.TRAIN));
        assertEquals(200, search.size());
        assertEquals(1800, train.size());
        Set<Integer> union = new HashSet<>(search);
        union.addAll(train);
        assertEquals(2000, union.size(), "disjoint, and together the whole pool");
        assertTrue(union.stream().allMatch(i -> i >= 0 && i < 2000));
        assertEquals(List.of(0, 1, 2), items(layout, Split.VAL).subList(0, 3), "val is not carved");
        List<Integer> trainOrder = items(layout, Split.TRAIN);
        assertEquals(trainOrder.stream().sorted().toList(), trainOrder, "train keeps pool order");
    }

    @Test
    void theSearchSplitDependsOnTheSeedAlone() {
        assertEquals(items(new SplitLayout(500, 10, 0.2, 9, "p"), Split.SEARCH),
                items(new SplitLayout(500, 10, 0.2, 9, "p"), Split.SEARCH));
        assertNotEquals(items(new SplitLayout(500, 10, 0.2, 9, "p"), Split.SEARCH),
                items(new SplitLayout(500, 10, 0.2, 10, "p"), Split.SEARCH));
        // It is a uniform draw: over 500 items the first and second halves share the 100 picks.
        long low = items(new SplitLayout(500, 10, 0.2, 9, "p"), Split.SEARCH).stream().filter(i -> i < 250).count();
        assertTrue(low > 30 && low < 70, low + " of 100 below the middle");
    }

    @Test
    void roundingZeroAndTooLargeFractions() {
        assertEquals(0, new SplitLayout(100, 5, 0, 1, "p").size(Split.SEARCH));
        assertEquals(100, new SplitLayout(100, 5, 0, 1, "p").size(Split.TRAIN));
        assertEquals(1, new SplitLayout(5, 5, 0.01, 1, "p").size(Split.SEARCH), "a positive share is at least 1");
        assertEquals(3, new SplitLayout(25, 5, 0.1, 1, "p").size(Split.SEARCH), "2.5 rounds up");
        assertInvalid(() -> new SplitLayout(1, 5, 0.5, 1, "the pool"), "the pool", "leaves none to train on");
        assertInvalid(() -> new SplitLayout(10, 5, 1.0, 1, "p"), "search fraction 1.0");
        assertInvalid(() -> new SplitLayout(10, 5, -0.1, 1, "p"), "search fraction -0.1");
    }
}
