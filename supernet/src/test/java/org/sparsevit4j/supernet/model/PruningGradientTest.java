package org.sparsevit4j.supernet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.sparsevit4j.supernet.weights.DeterministicWeights;

/**
 * Gradients in training mode: through a pruned stage, d(loss)/d(input) of a token that no block
 * kept is exactly the upstream gradient (identity), and a token in a kept window gets the block's
 * contribution on top (the kept windows recomputed here from the importance rule, by hand), and
 * equals central finite differences in float64 on a map that needs padding.
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
                NDArray out = run(stage, new ParameterStore(scope, false), x, new int[] {LEVEL, LEVEL}, layouts,
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

    /** A map of 17x20 tokens, padded to 21x21: 3x3 windows of 7, the last row and column of windows part padding. */
    private static final int FD_HEIGHT = 17;
    private static final int FD_WIDTH = 20;
    private static final int FD_CHANNELS = 8;
    /** The regular block keeps floor(9·7/10) = 6 windows, the shifted one floor(9·4/10) = 3. */
    private static final int[] FD_LEVELS = {3, 6};
    /**
     * Central differences in float64: the truncation error is h²/6 times a third derivative of
     * order one (~2e-9) and the rounding error 2^-53 times the loss (of order 10) over h (~1e-11);
     * the largest difference measured is 6e-9. 1e-7 is well above that and far below what a lost
     * term would change: the smallest contribution of a block to a kept token checked here is 1.3e-3
     * (a gradient that stopped at the scatter would differ by that), the gradients up to 1.6.
     */
    private static final double STEP = 1e-4;
    private static final double FD_TOLERANCE = 1e-7;

    /**
     * d(loss)/d(input) by autograd against central finite differences, in float64, through a stage
     * whose map needs padding and whose two blocks prune: every token that a block keeps (a
     * channel each, in turn) and a few that both skip. The perturbations are far too small to
     * change which windows are kept, and the test checks that they don't.
     */
    @Test
    void keptTokenGradientsMatchFiniteDifferencesOnAPaddedMap() {
        Shape shape = new Shape(1, FD_HEIGHT, FD_WIDTH, FD_CHANNELS);
        int n = FD_HEIGHT * FD_WIDTH * FD_CHANNELS;
        try (NDManager manager = NDManager.newBaseManager(); WindowLayouts layouts = new WindowLayouts(WINDOW)) {
            Engine.getInstance().setRandomSeed(5);
            SwinStage stage = new SwinStage(0, 2, FD_CHANNELS, 2, WINDOW, 2 * FD_CHANNELS);
            stage.initialize(manager, DataType.FLOAT64, shape);
            // away from the initializer's zero biases and unit norms, so that every term of the block counts
            stage.getParameters().forEach(pair -> {
                NDArray array = pair.getValue().getArray();
                array.addi(manager.create(toDouble(DeterministicWeights.uniform(pair.getKey(), (int) array.size(), 9)),
                        array.getShape()).mul(0.2));
            });
            double[] input = toDouble(DeterministicWeights.uniform("fd-input", n, 3));
            double[] upstream = toDouble(DeterministicWeights.uniform("fd-upstream", n, 4));
            KeptTokens kept = new KeptTokens(FD_HEIGHT * FD_WIDTH);
            double[] grad;
            try (NDManager scope = manager.newSubManager();
                    GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray x = scope.create(input, shape);
                x.setRequiresGradient(true);
                NDArray out = run(stage, new ParameterStore(scope, false), x, FD_LEVELS, layouts, true, null, kept);
                collector.backward(out.mul(scope.create(upstream, shape)).sum());
                grad = x.getGradient().toDoubleArray();
            }
            assertTrue(kept.windowsWithPadding > 0, "no kept window holds padding; the map is not padded as meant");
            List<Integer> checked = new ArrayList<>(kept.tokens);
            for (int token = 0; token < FD_HEIGHT * FD_WIDTH && checked.size() < kept.tokens.size() + 5; token++) {
                if (!kept.tokens.contains(token)) {
                    checked.add(token); // skipped by both blocks: the identity's gradient, upstream as it is
                }
            }
            assertTrue(checked.size() > kept.tokens.size(), "every token was kept; the pass-through ran on nothing");
            for (int token : checked) {
                int i = token * FD_CHANNELS + token % FD_CHANNELS;
                double[] plus = input.clone();
                double[] minus = input.clone();
                plus[i] += STEP;
                minus[i] -= STEP;
                double numeric = (loss(stage, layouts, manager, plus, upstream, kept)
                        - loss(stage, layouts, manager, minus, upstream, kept)) / (2 * STEP);
                assertEquals(numeric, grad[i], FD_TOLERANCE, "token " + token + " channel " + token % FD_CHANNELS
                        + (kept.tokens.contains(token) ? " (kept)" : " (skipped)"));
            }
        }
    }

    /** sum(stage(x) · upstream) in inference; fails if the kept windows differ from the analytic pass's. */
    private static double loss(SwinStage stage, WindowLayouts layouts, NDManager manager, double[] x,
            double[] upstream, KeptTokens expected) {
        Shape shape = new Shape(1, FD_HEIGHT, FD_WIDTH, FD_CHANNELS);
        try (NDManager scope = manager.newSubManager()) {
            KeptTokens kept = new KeptTokens(FD_HEIGHT * FD_WIDTH);
            NDArray out = run(stage, new ParameterStore(scope, false), scope.create(x, shape), FD_LEVELS, layouts, false,
                    null, kept);
            assertEquals(expected.windows, kept.windows, "a perturbation changed the kept windows");
            return out.mul(scope.create(upstream, shape)).sum().getDouble();
        }
    }

    /** The windows each block keeps, and the real tokens in them, as the stage reports them. */
    private static final class KeptTokens implements ForwardObserver {
        final int realTokens;
        final List<List<Long>> windows = new ArrayList<>();
        final Set<Integer> tokens = new TreeSet<>();
        int windowsWithPadding;

        KeptTokens(int realTokens) {
            this.realTokens = realTokens;
        }

        @Override
        public void windowsKept(int stage, int block, boolean shifted, WindowLayout layout, NDArray kept) {
            long[] entry = layout.entry().toLongArray();
            long[] shiftOrder = layout.shiftOrder().toLongArray();
            int n = layout.tokensPerWindow();
            List<Long> order = new ArrayList<>();
            for (long w : kept.toLongArray()) {
                order.add(w);
                boolean padding = false;
                for (int s = 0; s < n; s++) {
                    int position = (int) (shifted ? shiftOrder[(int) w * n + s] : w * n + s);
                    long token = entry[position];
                    if (token < realTokens) {
                        tokens.add((int) token);
                    } else {
                        padding = true;
                    }
                }
                windowsWithPadding += padding ? 1 : 0;
            }
            windows.add(order);
        }
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
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

    /** The stage on a map {@code (B, H, W, C)} through DJL's forward, with its levels and layouts as a pass gives them. */
    private static NDArray run(SwinStage stage, ParameterStore ps, NDArray x, int[] levels, WindowLayouts layouts,
            boolean training, MacRecorder recorder, ForwardObserver observer) {
        PairList<String, Object> params = PassContext.with(PassContext.with(PassContext.of(recorder, observer),
                PassContext.LEVELS, levels), PassContext.LAYOUTS, layouts);
        return stage.forward(ps, new NDList(x), training, params).singletonOrThrow();
    }
}
