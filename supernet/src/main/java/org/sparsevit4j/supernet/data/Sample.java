package org.sparsevit4j.supernet.data;

import java.util.Objects;
import org.sparsevit4j.core.InvalidInputException;

/**
 * One decoded, transformed image with its target, ready to be copied into a batch.
 *
 * @param image {@code 3 x height x width} floats (CHW, RGB), normalized with the ImageNet mean and
 *     standard deviation ({@link ImageNetNormalization}); padding added by a transform is 0
 * @param height rows
 * @param width columns
 * @param label the class of a classification sample; -1 for segmentation
 * @param mask {@code height x width} class indices of a segmentation sample (the ignore index
 *     where a pixel is not scored, padding included); null for classification
 * @param nativeMask the target at its label file's resolution, untransformed, for scoring:
 *     segmentation samples of an eval transform only; null otherwise
 */
public record Sample(float[] image, int height, int width, int label, int[] mask, NativeMask nativeMask) {

    public Sample {
        Objects.requireNonNull(image, "image");
        if (height < 1 || width < 1) {
            throw new InvalidInputException("sample size " + height + "x" + width + " must be at least 1x1");
        }
        if (image.length != 3L * height * width) {
            throw new InvalidInputException("sample image has " + image.length + " values; a 3x" + height + "x"
                    + width + " image has " + 3L * height * width);
        }
        if (mask == null && label < 0) {
            throw new InvalidInputException("classification sample label " + label + " must be >= 0");
        }
        if (mask != null && label != -1) {
            throw new InvalidInputException("segmentation sample label " + label + " must be -1");
        }
        if (mask != null && mask.length != (long) height * width) {
            throw new InvalidInputException("sample mask has " + mask.length + " values; a " + height + "x"
                    + width + " mask has " + (long) height * width);
        }
        if (nativeMask != null && mask == null) {
            throw new InvalidInputException("a classification sample has no native mask");
        }
    }

    /** A sample without a native mask (training, classification). */
    public Sample(float[] image, int height, int width, int label, int[] mask) {
        this(image, height, width, label, mask, null);
    }

    /** The task this sample's target belongs to. */
    public Task task() {
        return mask == null ? Task.CLASSIFICATION : Task.SEGMENTATION;
    }
}
