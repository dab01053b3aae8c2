package org.sparsevit4j.supernet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sparsevit4j.supernet.weights.DeterministicWeights;

/**
 * Gradients in training mode: through a pruned stage, d(loss)/d(input) of a token that no block
 * kept is exactly the upstream gradient (identity), and a token in a kept window gets the block's
 * contribution on top. The kept windows are recomputed here from the importance rule, by hand.
 */
class PruningGradientTest {

    private static final int SIZE = 28;      // 4x4 windows of 7, no padding
    private static final int CHANNELS = 16;
    private static final int WINDOW = 7;
    private static final int LEVEL = 8;      // keeps floor(16 * 2 / 10) = 3 windows per parity

    @Test
    void keptWindowsGetTheBlockGradientAndPrunedOnesPassItThrough() {
        try (NDManager manager = NDManager.newBaseManager(); WindowLayouts layouts = new WindowLayouts(WINDOW)) {
            SwinStage stage = new SwinStage(0, 2, CHANNELS, 2, WINDOW, 4 * CHANNELS);
            stage.initialize(manager, DataType.FLOAT32, new Shape(1, SIZE, SIZE, CHANNELS));
            float[] input = DeterministicWeights.uniform("gradient-input", SIZE * SIZE * CHANNELS, 1);
            float[] upstream = DeterministicWeights.uniform("gradient-upstream", SIZE * SIZE * CHANNELS, 2);
            float[] grad;
            float qkvGradNorm;
            try (NDManager scope = manager.newSubManager();
                    GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray x = scope.create(input, new Shape(1, SIZE, SIZE, CHANNELS));
                x.setRequiresGradient(true);
                NDArray out = stage.apply(new ParameterStore(scope, false), x, new int[] {LEVEL, LEVEL}, layouts,
                        true, null, null);
                collector.backward(out.mul(scope.create(upstream, out.getShape())).sum());
                grad = x.getGradient().toFloatArray();
                qkvGradNorm = stage.blocks().get(1).attention().qkv().weight().getArray().getGradient()
                        .abs().sum().getFloat();
            }

            Set<Integer> kept = new HashSet<>();
            kept.addAll(keptTokens(input, 0));
            kept.addAll(keptTokens(input, WINDOW / 2));
            int passThrough = 0;
            int changed = 0;
            for (int token = 0; token < SIZE * SIZE; token++) {
                boolean differs = false;
                for (int ch = 0; ch < CHANNELS; ch++) {
                    int i = token * CHANNELS + ch;
                    if (!kept.contains(token)) {
                        assertEquals(upstream[i], grad[i], 0f, "pruned token " + token + " channel " + ch);
                    } else if (Math.abs(grad[i] - upstream[i]) > 1e-6f) {
                        differs = true;
                    }
                }
                passThrough += kept.contains(token) ? 0 : 1;
                changed += differs ? 1 : 0;
            }
            assertTrue(passThrough > 0, "every token was kept; the check of pruned windows ran on nothing");
            assertEquals(kept.size(), changed, "tokens in kept windows whose gradient the block did not touch");
            assertTrue(qkvGradNorm > 0, "no gradient reached the shifted block's weights");
        }
    }

    /** Tokens (r·W + c) in the windows a block of the given shift keeps, by the importance rule. */
    private static Set<Integer> keptTokens(float[] x, int shift) {
        double[] score = new double[SIZE * SIZE];
        for (int t = 0; t < SIZE * SIZE; t++) {
            double sum = 0;
            for (int ch = 0; ch < CHANNELS; ch++) {
                sum += Math.abs(x[t * CHANNELS + ch]);
            }
            score[t] = sum / CHANNELS;
        }
        int perSide = SIZE / WINDOW;
        double[] windowScore = new double[perSide * perSide];
        for (int r = 0; r < SIZE; r++) {
            for (int c = 0; c < SIZE; c++) {
                double s = score[((r + shift) % SIZE) * SIZE + (c + shift) % SIZE];
                windowScore[(r / WINDOW) * perSide + c / WINDOW] += s * s;
            }
        }
        int keep = perSide * perSide * (10 - LEVEL) / 10;
        Set<Integer> windows = new HashSet<>();
        for (int k = 0; k < keep; k++) {
            int best = -1;
            for (int w = 0; w < windowScore.length; w++) {
                if (!windows.contains(w) && (best < 0 || windowScore[w] > windowScore[best])) {
                    best = w;
                }
            }
            windows.add(best);
        }
        Set<Integer> tokens = new HashSet<>();
        for (int r = 0; r < SIZE; r++) {
            for (int c = 0; c < SIZE; c++) {
                if (windows.contains((r / WINDOW) * perSide + c / WINDOW)) {
                    tokens.add(((r + shift) % SIZE) * SIZE + (c + shift) % SIZE);
                }
            }
        }
        return tokens;
    }
}
