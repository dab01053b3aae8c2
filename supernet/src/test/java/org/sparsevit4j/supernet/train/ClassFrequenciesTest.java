package org.sparsevit4j.supernet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsevit4j.supernet.data.DatasetOptions;
import org.sparsevit4j.supernet.data.Datasets;
import org.sparsevit4j.supernet.data.SampleSource;
import org.sparsevit4j.supernet.data.Task;

class ClassFrequenciesTest {

    private static final SampleSource SCENES = Datasets.synthetic(Task.SEGMENTATION,
            DatasetOptions.defaults().withSyntheticSize(64, 64).withSyntheticTrain(60).withSyntheticVal(4));

    @Test
    void sharesSumToOneAndTheBackgroundDominates() {
        double[] shares = ClassFrequencies.count(SCENES, 64, 64).shares();
        assertEquals(7, shares.length);
        double sum = 0;
        for (double s : shares) {
            sum += s;
        }
        assertEquals(1, sum, 1e-9);
        assertTrue(shares[0] > 0.6, "background " + shares[0]);
    }

    @Test
    void balancedWeightsAverageOneOverThePixelsAndFavourRareClasses() {
        ClassFrequencies f = ClassFrequencies.count(SCENES, 64, 64);
        double[] shares = f.shares();
        float[] w = f.balancedWeights();
        double mean = 0;
        for (int c = 0; c < w.length; c++) {
            mean += shares[c] * w[c];
        }
        assertEquals(1, mean, 1e-5);
        for (int c = 1; c < w.length; c++) {
            assertTrue(w[c] > w[0], "class " + c + " weighs " + w[c] + ", the background " + w[0]);
            // 1/sqrt(share): the ratio of two weights is the root of the inverse ratio of their shares
            assertEquals(Math.sqrt(shares[0] / shares[c]), w[c] / w[0], 1e-3);
        }
    }

    @Test
    void theSameDataGiveTheSameWeights() {
        assertEquals(java.util.Arrays.toString(ClassFrequencies.count(SCENES, 64, 64).balancedWeights()),
                java.util.Arrays.toString(ClassFrequencies.count(SCENES, 64, 64).balancedWeights()));
    }
}
