package org.sparsevit4j.evaluator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * The class of every pixel of a label from an image's logits at the model's resolution: the
 * logits are resized to the label's size (bilinear, corners not aligned, as mmseg resizes its
 * {@code seg_logits}) and the class is their argmax there.
 */
final class PixelClasses {

    /** Interpolation mode 1 of DJL's PyTorch engine: bilinear, corners not aligned. */
    private static final int BILINEAR = 1;

    private PixelClasses() {
    }

    /**
     * @param logits {@code (K, h, w)} scores of one image
     * @param height rows of its label
     * @param width columns of its label
     * @return {@code height x width} classes, row-major
     */
    static int[] atLabelSize(NDArray logits, int height, int width) {
        // its own scope: a label-sized copy of the logits is K·H·W floats, freed before the next image
        try (NDManager scope = NDManager.subManagerOf(logits)) {
            NDArray x = logits.expandDims(0);                                              // (1, K, h, w)
            x.attach(scope); // so that what is computed from it lives in the scope too
            if (x.getShape().get(2) != height || x.getShape().get(3) != width) {
                x = x.toType(DataType.FLOAT32, false).getNDArrayInternal()
                        .interpolation(new long[] {height, width}, BILINEAR, false);       // (1, K, H, W)
            }
            return x.argMax(1).toType(DataType.INT32, false).toIntArray();
        }
    }
}
