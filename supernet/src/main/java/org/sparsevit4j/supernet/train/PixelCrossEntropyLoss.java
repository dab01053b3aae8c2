package org.sparsevit4j.supernet.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;
import org.sparsevit4j.supernet.checkpoint.SegmentationLoss;

/**
 * Cross-entropy per pixel over the pixels whose label is not the ignore index (255 in the
 * segmentation folders), which DJL's softmax cross-entropy does not offer; optionally weighted per
 * class and restricted to the hard pixels ({@link SegmentationLoss}). The result is the weighted
 * mean over the pixels that count.
 *
 * <p>Shapes: predictions {@code (B, K, H, W)} logits; labels {@code (B, H, W)} int64.
 */
public final class PixelCrossEntropyLoss extends Loss {

    private final int ignoreIndex;
    /** One weight per class, or null for none. */
    private final float[] classWeights;
    private final boolean ohem;

    /** The plain loss: every valid pixel weighs the same. */
    public PixelCrossEntropyLoss(int ignoreIndex) {
        this(ignoreIndex, null, false);
    }

    /**
     * @param classWeights one weight per class, or null for equal weights
     * @param ohem whether only the hard pixels count (see {@link SegmentationLoss})
     */
    public PixelCrossEntropyLoss(int ignoreIndex, float[] classWeights, boolean ohem) {
        super("pixel_cross_entropy");
        this.ignoreIndex = ignoreIndex;
        this.classWeights = classWeights == null ? null : classWeights.clone();
        this.ohem = ohem;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.head();
        NDArray target = labels.head();
        try (NDManager scope = NDManager.subManagerOf(logits)) {
            scope.tempAttachAll(logits, target);
            NDArray valid = target.neq(ignoreIndex);
            NDArray safeTarget = target.mul(valid.toType(DataType.INT64, false));          // ignored → class 0
            NDArray logProbabilities = logits.logSoftmax(1);
            NDArray picked = logProbabilities.gather(safeTarget.expandDims(1), 1).squeeze(1); // (B, H, W)
            NDArray weights = valid.toType(DataType.FLOAT32, false);
            if (classWeights != null) {
                NDArray table = scope.create(classWeights);
                weights = weights.mul(table.take(safeTarget.flatten()).reshape(safeTarget.getShape()));
            }
            if (ohem) {
                weights = weights.mul(hard(picked.stopGradient(), valid));
            }
            NDArray total = weights.sum().maximum(1e-6f);
            return scope.ret(picked.mul(weights).sum().neg().div(total));
        }
    }

    /**
     * 1 for the pixels that count under OHEM, 0 elsewhere: those whose probability of their class is
     * below the threshold, or, when they are fewer than the minimum share, the hardest that many.
     */
    private NDArray hard(NDArray logProbability, NDArray valid) {
        NDArray probability = logProbability.exp().mul(valid.toType(DataType.FLOAT32, false))
                .add(valid.logicalNot().toType(DataType.FLOAT32, false).mul(2f));    // invalid pixels: 2, never kept
        long validCount = valid.toType(DataType.INT64, false).sum().getLong();
        long minKept = Math.max(1, (long) Math.ceil(SegmentationLoss.OHEM_MIN_KEPT_SHARE * validCount));
        float threshold = SegmentationLoss.OHEM_THRESHOLD;
        if (validCount > 0) {
            NDArray sorted = probability.flatten().sort();
            float kth = sorted.getFloat(Math.min(minKept, validCount) - 1);
            threshold = Math.max(threshold, kth);
        }
        // ties at the k-th value are kept too, so at least minKept pixels count
        return probability.lte(threshold).logicalAnd(valid).toType(DataType.FLOAT32, false);
    }
}
