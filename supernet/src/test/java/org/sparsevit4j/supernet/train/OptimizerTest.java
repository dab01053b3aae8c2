package org.sparsevit4j.supernet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.supernet.model.SwinSegmenter;
import org.sparsevit4j.supernet.weights.ParameterNames;

/** The learning-rate schedule, AdamW's update against a hand computation, and who gets weight decay. */
class OptimizerTest {

    @Test
    void warmUpThenCosineDecay() {
        LearningRateSchedule s = new LearningRateSchedule(1e-3, 1e-5, 10, 110);
        assertEquals(1e-4, s.rate(0), 1e-12);          // (0 + 1) / 10 of the peak
        assertEquals(1e-3, s.rate(9), 1e-12);          // end of warm-up
        assertEquals(1e-3, s.rate(10), 1e-12);         // cosine starts at the peak
        assertEquals(1e-5 + (1e-3 - 1e-5) * 0.5, s.rate(60), 1e-12); // half way: cos(pi/2) = 0
        assertEquals(1e-5, s.rate(110), 1e-12);
        assertEquals(1e-5, s.rate(500), 1e-12);        // stays at the floor
    }

    @Test
    void adamWStepsMatchAHandComputation() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(new float[] {1f, -2f});
            NDArray grad = manager.create(new float[] {0.5f, 0.25f});
            LearningRateSchedule fixed = new LearningRateSchedule(0.1, 0.1, 0, 10);
            GroupedAdamW decaying = new GroupedAdamW(Map.of("id", "w"), Set.of("w"), fixed, 0.01f);
            double[] w = {1, -2};
            double[] g = {0.5, 0.25};
            double[] m = new double[2];
            double[] v = new double[2];
            for (int step = 0; step < 3; step++) {
                decaying.beginStep(step);
                decaying.update("id", weight, grad);
                int t = step + 1;
                for (int i = 0; i < 2; i++) {
                    m[i] = 0.9 * m[i] + 0.1 * g[i];
                    v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                    w[i] *= 1 - 0.1 * 0.01;
                    double mHat = m[i] / (1 - Math.pow(0.9, t));
                    double denominator = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(0.999, t)) + 1e-8;
                    w[i] -= 0.1 * mHat / denominator;
                }
            }
            float[] got = weight.toFloatArray();
            assertEquals(w[0], got[0], 1e-5);
            assertEquals(w[1], got[1], 1e-5);
        }
    }

    @Test
    void normsBiasesAndPositionTablesGetNoWeightDecay() {
        Map<String, Parameter> named = ParameterNames.of(new SwinSegmenter(ArchitectureSpec.preset("swin_micro")
                .withNumClasses(3), 16));
        Set<String> decayed = SupernetTrainer.decayed(named);
        assertTrue(decayed.contains("features.1.0.attn.qkv.weight"));
        assertTrue(decayed.contains("features.0.0.weight"));
        assertTrue(decayed.contains("decode_head.fuse.weight"));
        for (String name : named.keySet()) {
            if (name.contains("norm") || name.endsWith(".bias") || name.endsWith("relative_position_bias_table")) {
                assertFalse(decayed.contains(name), name);
            }
        }
    }
}
