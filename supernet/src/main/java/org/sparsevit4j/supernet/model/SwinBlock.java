package org.sparsevit4j.supernet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One Swin Transformer block applied to a set of windows: {@code x + attn(LN1(x))}, then
 * {@code x + MLP(LN2(x))}, every step per window, so that any subset of windows can run.
 *
 * <p>Shapes: input and output {@code (B, K, N, C)} for K windows of N tokens per image.
 * Padding tokens (feature maps whose sides are not multiples of the window) are zeroed after
 * LN1, exactly where torchvision pads; what they hold otherwise never reaches a real token.
 */
public final class SwinBlock extends CompositeBlock {

    private final boolean shifted;
    private final String key;
    private final LayerNormLayer norm1;
    private final WindowAttention attention;
    private final LayerNormLayer norm2;
    private final LinearLayer fc1;
    private final LinearLayer fc2;

    /**
     * @param dim channels C
     * @param heads attention heads
     * @param window window side M
     * @param mlpHidden hidden width of the MLP
     * @param shifted whether this is a shifted-window (odd) block
     * @param key this block's name for the MAC recorder, e.g. {@code block 1.3}
     */
    public SwinBlock(int dim, int heads, int window, int mlpHidden, boolean shifted, String key) {
        this.shifted = shifted;
        this.key = key;
        norm1 = addChildBlock("norm1", new LayerNormLayer(dim));
        attention = addChildBlock("attn", new WindowAttention(dim, heads, window, key));
        norm2 = addChildBlock("norm2", new LayerNormLayer(dim));
        fc1 = addChildBlock("fc1", new LinearLayer(dim, mlpHidden, true));
        fc2 = addChildBlock("fc2", new LinearLayer(mlpHidden, dim, true));
    }

    public boolean shifted() {
        return shifted;
    }

    public LayerNormLayer norm1() {
        return norm1;
    }

    public WindowAttention attention() {
        return attention;
    }

    public LayerNormLayer norm2() {
        return norm2;
    }

    public LinearLayer fc1() {
        return fc1;
    }

    public LinearLayer fc2() {
        return fc2;
    }

    /**
     * Runs the block on windows: {@code inputs} holds the windows {@code (B, K, N, C)}; {@code params}
     * the window inputs of its parity ({@link PassContext.Windows}) and the pass's MAC recorder, if
     * any. Returns the windows after the block, {@code (B, K, N, C)}.
     */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        PassContext.Windows w = (PassContext.Windows) PassContext.required(params, PassContext.WINDOWS, key);
        MacRecorder recorder = PassContext.recorder(params);
        NDArray x = inputs.singletonOrThrow();
        NDArray h = norm1.apply(ps, x, training);
        if (w.valid() != null) {
            h = h.mul(w.valid());
        }
        x = x.add(attention.forward(ps, new NDList(h), training, params).singletonOrThrow());
        NDArray hidden = Activation.gelu(fc1.apply(ps, norm2.apply(ps, x, training), training));
        NDArray out = x.add(fc2.apply(ps, hidden, training));
        if (recorder != null) {
            recorder.linear(key, x.getShape(), fc1.out());
            recorder.linear(key, hidden.getShape(), fc2.out());
        }
        return new NDList(out);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

}
