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
     */
    public SwinBlock(int dim, int heads, int window, int mlpHidden, boolean shifted) {
        this.shifted = shifted;
        norm1 = addChildBlock("norm1", new LayerNormLayer(dim));
        attention = addChildBlock("attn", new WindowAttention(dim, heads, window));
        norm2 = addChildBlock("norm2", new LayerNormLayer(dim));
        fc1 = addChildBlock("fc1", new LinearLayer(dim, mlpHidden, true));
        fc2 = addChildBlock("fc2", new LinearLayer(mlpHidden, dim, true));
    }

    /**
     * Runs the block on windows.
     *
     * @param x windows {@code (B, K, N, C)}
     * @param valid 1 for real tokens and 0 for padding, broadcastable to {@code (B, K, N, 1)}, or
     *     null when the map needs no padding
     * @param relativeIndex relative-position index of the window size
     * @param mask shift mask broadcastable to {@code (B, K, 1, N, N)}, or null
     * @param recorder MAC recorder or null
     * @param key this block's name for the recorder
     * @return the windows after the block, {@code (B, K, N, C)}
     */
    public NDArray apply(ParameterStore ps, NDArray x, NDArray valid, NDArray relativeIndex, NDArray mask,
            boolean training, MacRecorder recorder, String key) {
        NDArray h = norm1.apply(ps, x, training);
        if (valid != null) {
            h = h.mul(valid);
        }
        x = x.add(attention.apply(ps, h, relativeIndex, mask, training, recorder, key));
        NDArray hidden = Activation.gelu(fc1.apply(ps, norm2.apply(ps, x, training), training));
        NDArray out = x.add(fc2.apply(ps, hidden, training));
        if (recorder != null) {
            recorder.linear(key, x.getShape(), fc1.out());
            recorder.linear(key, hidden.getShape(), fc2.out());
        }
        return out;
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

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        throw new UnsupportedOperationException("SwinBlock runs inside SwinStage, which supplies its layout");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

}
