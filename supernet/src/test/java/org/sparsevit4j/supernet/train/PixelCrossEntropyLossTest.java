package org.sparsevit4j.supernet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.sparsevit4j.supernet.checkpoint.SegmentationLoss;

/** The loss against the same sums written out by hand, on a batch of one image of 2x4 pixels and 3 classes. */
class PixelCrossEntropyLossTest {

    /** Logits (1, 3, 2, 4): pixel p's logits are column p of these rows. */
    private static final float[] LOGITS = {
        2, 0, 1, -1, 0.5f, 3, 0, 1,
        0, 1, 1, 2, 0.5f, -1, 0, 0,
        -1, 0, 2, 0, 0.5f, 0, 3, 1};
    /** Labels (1, 2, 4); 255 is ignored. */
    private static final long[] LABELS = {0, 1, 2, 1, 0, 0, 255, 2};

    private static double logProbability(int pixel, int target) {
        double sum = 0;
        for (int k = 0; k < 3; k++) {
            sum += Math.exp(LOGITS[k * 8 + pixel]);
        }
        return LOGITS[(int) target * 8 + pixel] - Math.log(sum);
    }

    private static double loss(PixelCrossEntropyLoss loss) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(LOGITS, new Shape(1, 3, 2, 4));
            NDArray labels = m.create(LABELS, new Shape(1, 2, 4));
            return loss.evaluate(new NDList(labels), new NDList(logits)).getFloat();
        }
    }

    @Test
    void plainIsTheMeanOverValidPixels() {
        double sum = 0;
        int n = 0;
        for (int p = 0; p < 8; p++) {
            if (LABELS[p] != 255) {
                sum -= logProbability(p, (int) LABELS[p]);
                n++;
            }
        }
        assertEquals(sum / n, loss(new PixelCrossEntropyLoss(255)), 1e-5);
    }

    @Test
    void classWeightsWeighEachPixelByItsClass() {
        float[] w = {0.5f, 2f, 3f};
        double sum = 0;
        double weights = 0;
        for (int p = 0; p < 8; p++) {
            if (LABELS[p] != 255) {
                sum -= w[(int) LABELS[p]] * logProbability(p, (int) LABELS[p]);
                weights += w[(int) LABELS[p]];
            }
        }
        assertEquals(sum / weights, loss(new PixelCrossEntropyLoss(255, w, false)), 1e-5);
    }

    @Test
    void ohemCountsOnlyThePixelsPredictedBelowTheThresholdOrTheHardestShare() {
        // pixels whose probability of their class is below 0.7; at least ceil(7 / 8) = 1 of the 7 valid ones
        double sum = 0;
        int n = 0;
        for (int p = 0; p < 8; p++) {
            if (LABELS[p] != 255 && Math.exp(logProbability(p, (int) LABELS[p])) <= SegmentationLoss.OHEM_THRESHOLD) {
                sum -= logProbability(p, (int) LABELS[p]);
                n++;
            }
        }
        assertEquals(true, n > 0 && n < 7, "the example has easy and hard pixels: " + n);
        assertEquals(sum / n, loss(new PixelCrossEntropyLoss(255, null, true)), 1e-5);
    }

    @Test
    void ohemKeepsTheHardestShareWhenEveryPixelIsEasy() {
        // every pixel certain of its (right) class: OHEM still keeps the hardest eighth, here one pixel
        float[] logits = new float[3 * 8];
        long[] labels = new long[8];
        double hardest = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < 8; p++) {
            labels[p] = p % 3;
            for (int k = 0; k < 3; k++) {
                logits[k * 8 + p] = k == p % 3 ? 3 + p : 0;
            }
            double lp = logits[(p % 3) * 8 + p] - Math.log(Math.exp(logits[(p % 3) * 8 + p]) + 2);
            hardest = Math.max(hardest, -lp);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            float value = new PixelCrossEntropyLoss(255, null, true).evaluate(
                    new NDList(m.create(labels, new Shape(1, 2, 4))),
                    new NDList(m.create(logits, new Shape(1, 3, 2, 4)))).getFloat();
            assertEquals(hardest, value, 1e-5);
        }
    }
}
