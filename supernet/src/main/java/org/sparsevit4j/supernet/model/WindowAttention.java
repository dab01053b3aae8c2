package org.sparsevit4j.supernet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.core.Embedding;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.TruncatedNormalInitializer;
import ai.djl.util.PairList;

/**
 * Multi-head self-attention inside windows with a learned relative position bias (Swin's W-MSA
 * and SW-MSA; the shift itself is the caller's token order and mask).
 *
 * <p>Shapes: B images, K windows each, N = M² tokens, C channels, h heads, d = C/h.
 * Input {@code (B, K, N, C)}; optional additive mask broadcastable to {@code (B, K, 1, N, N)}.
 */
public final class WindowAttention extends CompositeBlock {

    private final int dim;
    private final int heads;
    private final int window;
    private final String key;
    private final float scale;
    private final LinearLayer qkv;
    private final LinearLayer proj;
    private final Parameter relativePositionBiasTable;

    /** @param key the block's name for the MAC recorder */
    public WindowAttention(int dim, int heads, int window, String key) {
        if (dim % heads != 0) {
            throw new IllegalArgumentException("dim " + dim + " is not divisible by " + heads + " heads");
        }
        this.dim = dim;
        this.heads = heads;
        this.window = window;
        this.key = key;
        // torchvision scales q by (C // heads) ** -0.5
        this.scale = (float) Math.pow(dim / heads, -0.5);
        qkv = addChildBlock("qkv", new LinearLayer(dim, 3 * dim, true));
        proj = addChildBlock("proj", new LinearLayer(dim, dim, true));
        int span = 2 * window - 1;
        relativePositionBiasTable = addParameter(Parameter.builder()
                .setName("relative_position_bias_table")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape((long) span * span, heads))
                .optInitializer(new TruncatedNormalInitializer(0.02f))
                .build());
    }

    /**
     * Attention of each window's tokens among themselves: {@code inputs} holds the normalized tokens
     * {@code (B, K, N, C)}; {@code params} the window inputs ({@link PassContext.Windows}: the
     * relative-position index, on a manager that lives no longer than this pass, and the additive
     * shift mask {@code (B|1, K, 1, N, N)} or null) and the pass's MAC recorder, if any. Returns
     * {@code (B, K, N, C)}.
     */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        PassContext.Windows w = (PassContext.Windows) PassContext.required(params, PassContext.WINDOWS, key);
        NDArray relativeIndex = w.relativeIndex();
        NDArray mask = w.mask();
        MacRecorder recorder = PassContext.recorder(params);
        NDArray h = inputs.singletonOrThrow();
        Shape shape = h.getShape();
        long b = shape.get(0);
        long k = shape.get(1);
        long n = shape.get(2);
        long c = shape.get(3);

        NDArray packed = qkv.apply(ps, h, training);                       // (B, K, N, 3C)
        packed = packed.reshape(b, k, n, 3, heads, c / heads)
                .transpose(3, 0, 1, 4, 2, 5);                              // (3, B, K, h, N, d)
        // not mul(scale): DJL frees the wrapped number that the product's backward pass reads
        NDArray q = packed.get(0).mul(OwnedArrays.scalar(h.getManager(), scale));
        NDArray keysT = packed.get(1).transpose(0, 1, 2, 4, 3);           // (B, K, h, d, N)
        NDArray v = packed.get(2);
        NDArray logits = q.matMul(keysT);                                  // (B, K, h, N, N)

        NDArray table = ps.getValue(relativePositionBiasTable, h.getDevice(), training);
        // a lookup owned by the index's (per-pass) manager; table.get(index) would be owned by the model's
        NDArray bias = Embedding.embedding(relativeIndex, table, SparseFormat.DENSE).singletonOrThrow(); // (N·N, h)
        logits = logits.add(bias.reshape(n, n, heads).transpose(2, 0, 1)); // + (h, N, N)
        if (mask != null) {
            logits = logits.add(mask);
        }
        NDArray out = logits.softmax(-1).matMul(v);                        // (B, K, h, N, d)
        out = out.transpose(0, 1, 3, 2, 4).reshape(b, k, n, c);           // (B, K, N, C)
        NDArray projected = proj.apply(ps, out, training);
        if (recorder != null) {
            recorder.linear(key, h.getShape(), 3 * c);
            recorder.matmul(key, q.getShape(), keysT.getShape());
            recorder.matmul(key, logits.getShape(), v.getShape());
            recorder.linear(key, out.getShape(), c);
        }
        return new NDList(projected);
    }

    public LinearLayer qkv() {
        return qkv;
    }

    public LinearLayer proj() {
        return proj;
    }

    public Parameter relativePositionBiasTable() {
        return relativePositionBiasTable;
    }

    public int heads() {
        return heads;
    }

    public int window() {
        return window;
    }

    public int dim() {
        return dim;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

}
