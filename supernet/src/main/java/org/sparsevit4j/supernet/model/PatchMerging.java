package org.sparsevit4j.supernet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Patch merging between stages, dense: pad odd sides with zeros, concatenate each 2×2
 * neighbourhood in torchvision's order ({@code x[0::2,0::2], x[1::2,0::2], x[0::2,1::2],
 * x[1::2,1::2]}), layer norm over 4C, project to 2C without bias.
 * Shapes: {@code (B, H, W, C)} → {@code (B, ⌈H/2⌉, ⌈W/2⌉, 2C)}.
 */
public final class PatchMerging extends CompositeBlock {

    private final int index;
    private final int dim;
    private final LayerNormLayer norm;
    private final LinearLayer reduction;

    /**
     * @param index the stage this merging follows, for the MAC recorder
     * @param dim channels C of that stage
     */
    public PatchMerging(int index, int dim) {
        this.index = index;
        this.dim = dim;
        norm = addChildBlock("norm", new LayerNormLayer(4 * dim));
        reduction = addChildBlock("reduction", new LinearLayer(4 * dim, 2 * dim, false));
    }

    public NDArray apply(ParameterStore ps, NDArray x, boolean training, MacRecorder recorder) {
        Shape shape = x.getShape();
        long b = shape.get(0);
        long h = shape.get(1);
        long w = shape.get(2);
        long c = shape.get(3);
        if (h % 2 == 1) {
            x = x.concat(x.getManager().zeros(new Shape(b, 1, w, c), x.getDataType()), 1);
            h++;
        }
        if (w % 2 == 1) {
            x = x.concat(x.getManager().zeros(new Shape(b, h, 1, c), x.getDataType()), 2);
            w++;
        }
        // (B, H/2, 2, W/2, 2, C) → (B, H/2, W/2, col offset, row offset, C): x0, x1, x2, x3
        NDArray merged = x.reshape(b, h / 2, 2, w / 2, 2, c)
                .transpose(0, 1, 3, 4, 2, 5)
                .reshape(b, h / 2, w / 2, 4 * c);
        NDArray normed = norm.apply(ps, merged, training);
        if (recorder != null) {
            recorder.linear("merging " + index, normed.getShape(), 2 * c);
        }
        return reduction.apply(ps, normed, training);
    }

    /**
     * The same merging read from the previous stage's window layout and written in the next stage's,
     * by one gather ({@link WindowLayouts#merge}) instead of leaving the stage's windows, padding,
     * reordering 2×2 neighbours and entering the next stage's windows: three passes over the map
     * fewer. Values at the next stage's padding positions are finite but meaningless (LN1 zeroes them).
     *
     * @param state {@code (B, nW, N, C)} in {@code from}
     * @return {@code (B, nW', N', 2C)} in {@code to}
     */
    public NDArray applyWindows(ParameterStore ps, NDArray state, WindowLayout to, WindowLayouts.MergeIndex gather,
            boolean training, MacRecorder recorder) {
        Shape shape = state.getShape();
        long b = shape.get(0);
        long c = shape.get(3);
        NDArray flat = state.reshape(b, shape.get(1) * shape.get(2), c);
        if (gather.zeroRow()) {
            flat = flat.concat(state.getManager().zeros(new Shape(b, 1, c), state.getDataType()), 1);
        }
        NDArray merged = flat.get(new NDIndex(":, {}", gather.index()))
                .reshape(b, to.numWindows(), to.tokensPerWindow(), 4 * c);                // (B, nW', N', 4C)
        NDArray normed = norm.apply(ps, merged, training);
        if (recorder != null) {
            recorder.linear("merging " + index, new Shape(b, (long) to.height() * to.width(), 4 * c), 2 * c);
        }
        return reduction.apply(ps, normed, training);
    }

    public LayerNormLayer norm() {
        return norm;
    }

    public LinearLayer reduction() {
        return reduction;
    }

    public int dim() {
        return dim;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.singletonOrThrow(), training, null));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), (in.get(1) + 1) / 2, (in.get(2) + 1) / 2, 2L * dim)};
    }

}
