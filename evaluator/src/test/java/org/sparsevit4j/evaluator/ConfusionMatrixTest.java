package org.sparsevit4j.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    @Test
    void meanIouAndPixelAccuracyByHand() {
        ConfusionMatrix m = new ConfusionMatrix(3, 255);
        // truth:     0 0 0 1 1 2 255
        // predicted: 0 0 1 1 2 2 0
        m.add(new int[] {0, 0, 1, 1, 2, 2, 0}, new int[] {0, 0, 0, 1, 1, 2, 255});
        // class 0: I=2, truth 3, predicted 2 -> U=3 -> 2/3
        // class 1: I=1, truth 2, predicted 2 -> U=3 -> 1/3
        // class 2: I=1, truth 1, predicted 2 -> U=2 -> 1/2
        assertEquals(2.0 / 3, m.iou(0), 1e-12);
        assertEquals(1.0 / 3, m.iou(1), 1e-12);
        assertEquals(0.5, m.iou(2), 1e-12);
        assertEquals((2.0 / 3 + 1.0 / 3 + 0.5) / 3, m.meanIou(), 1e-12);
        assertEquals(4.0 / 6, m.pixelAccuracy(), 1e-12); // the ignored pixel counts nowhere
    }

    @Test
    void classesAbsentFromTruthAndPredictionsDoNotCount() {
        ConfusionMatrix m = new ConfusionMatrix(5, 255);
        m.add(new int[] {0, 1}, new int[] {0, 1});
        assertTrue(Double.isNaN(m.iou(4)));
        assertEquals(1.0, m.meanIou(), 1e-12);
    }

    @Test
    void allBackgroundPredictionScoresTheBackgroundShareOnly() {
        ConfusionMatrix m = new ConfusionMatrix(3, 255);
        m.add(new int[] {0, 0, 0, 0}, new int[] {0, 0, 1, 2});
        assertEquals((0.5 + 0 + 0) / 3, m.meanIou(), 1e-12);
    }
}
