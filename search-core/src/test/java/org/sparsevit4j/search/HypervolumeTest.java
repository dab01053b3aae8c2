package org.sparsevit4j.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HypervolumeTest {

    @Test
    void oneRectanglePerPointWithoutOverlap() {
        // (metric, cost) points against reference (0, 10): a staircase of areas 2*8, (5-2)*5, (7-5)*2.
        double hv = Hypervolume.of(new double[] {2, 5, 7}, new double[] {2, 5, 8}, 0, 10);
        assertEquals(2 * 8 + 3 * 5 + 2 * 2, hv, 1e-12);
    }

    @Test
    void dominatedAndOutsidePointsAddNothing() {
        double front = Hypervolume.of(new double[] {2, 5, 7}, new double[] {2, 5, 8}, 0, 10);
        double withExtras = Hypervolume.of(new double[] {2, 5, 7, 1, 4, -1, 9, 1.5},
                new double[] {2, 5, 8, 3, 6, 1, 10, 2}, 0, 10);
        assertEquals(front, withExtras, 1e-12, "dominated, below the reference metric, or at the reference cost");
        assertEquals(0, Hypervolume.of(new double[0], new double[0], 0, 10));
    }

    @Test
    void theReferenceMetricShiftsTheFloor() {
        assertEquals(3 * 4, Hypervolume.of(new double[] {4}, new double[] {6}, 1, 10), 1e-12);
    }
}
