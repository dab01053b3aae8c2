package org.sparsevit4j.supernet.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;

/**
 * Cross-entropy per pixel, averaged over the pixels whose label is not the ignore index (255 in
 * the segmentation folders): what DJL's softmax cross-entropy does not offer.
 *
 * <p>Shapes: predictions {@code (B, K, H, W)} logits; labels {@code (B, H, W)} int64.
 */
public final class PixelCrossEntropyLoss extends Loss {

    private final int ignoreIndex;

    public PixelCrossEntropyLoss(int ignoreIndex) {
        super("pixel_cross_entropy");
        this.ignoreIndex = ignoreIndex;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.head();
        NDArray target = labels.head();
        NDArray valid = target.neq(ignoreIndex);
        NDArray safeTarget = target.mul(valid.toType(DataType.INT64, false));          // ignored → class 0
        NDArray logProbabilities = logits.logSoftmax(1);
        NDArray picked = logProbabilities.gather(safeTarget.expandDims(1), 1).squeeze(1); // (B, H, W)
        NDArray weights = valid.toType(DataType.FLOAT32, false);
        NDArray count = weights.sum().maximum(1f);
        return picked.mul(weights).sum().neg().div(count);
    }
}
