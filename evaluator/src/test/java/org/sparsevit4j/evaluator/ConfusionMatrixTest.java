package org.sparsevit4j.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparsevit4j.supernet.data.NativeMask;

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

    @Test
    void perClassIouAndTargetsAtLabelResolution() {
        ConfusionMatrix m = new ConfusionMatrix(3, 255);
        // a 2x3 label: 0 0 255 / 1 1 0; predictions 0 1 2 / 1 0 0
        m.add(new int[] {0, 1, 2, 1, 0, 0}, new NativeMask(2, 3, new byte[] {0, 0, (byte) 255, 1, 1, 0}));
        // class 0: I=2, truth 3, predicted 3 -> U=4; class 1: I=1, truth 2, predicted 2 -> U=3; class 2: never true,
        // predicted only on the ignored pixel, which counts nowhere -> NaN
        assertEquals(List.of(0.5, 1.0 / 3, Double.NaN), m.classIou());
        assertEquals((0.5 + 1.0 / 3) / 2, m.meanIou(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> m.add(new int[] {0}, new NativeMask(1, 2, new byte[2])));
        assertThrows(IllegalArgumentException.class, () -> m.add(new int[] {0}, new NativeMask(1, 1, new byte[] {3})));
    }
}
