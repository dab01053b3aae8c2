package org.sparsevit4j.supernet.data;

import java.util.List;
import java.util.Objects;
import org.sparsevit4j.core.InvalidInputException;

/**
 * Samples stacked for one step, in plain arrays that the trainer and evaluator wrap as tensors.
 *
 * @param images {@code size x 3 x height x width} normalized floats (NCHW)
 * @param labels {@code size} classes for classification; null for segmentation
 * @param masks {@code size x height x width} class indices (ignore index where not scored) for
 *     segmentation; null for classification
 * @param size samples in this batch (the last eval batch may be short)
 * @param height rows of every sample
 * @param width columns of every sample
 * @param indices the split-local index of each sample, as passed to {@link SampleSource#load}
 * @param nativeMasks each sample's target at its label file's resolution (segmentation in an eval
 *     pass); null otherwise
 */
public record Batch(float[] images, int[] labels, int[] masks, int size, int height, int width, int[] indices,
        List<NativeMask> nativeMasks) {

    public Batch {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(indices, "indices");
        if (size < 1 || height < 1 || width < 1) {
            throw new InvalidInputException("batch of " + size + " samples of " + height + "x" + width
                    + " must have at least one 1x1 sample");
        }
        if (images.length != 3L * size * height * width) {
            throw new InvalidInputException("batch images hold " + images.length + " values; " + size + "x3x"
                    + height + "x" + width + " needs " + 3L * size * height * width);
        }
        if ((labels == null) == (masks == null)) {
            throw new InvalidInputException("a batch holds either labels (classification) or masks (segmentation)");
        }
        if (labels != null && labels.length != size) {
            throw new InvalidInputException("batch has " + labels.length + " labels for " + size + " samples");
        }
        if (masks != null && masks.length != (long) size * height * width) {
            throw new InvalidInputException("batch masks hold " + masks.length + " values; " + size + "x" + height
                    + "x" + width + " needs " + (long) size * height * width);
        }
        if (indices.length != size) {
            throw new InvalidInputException("batch has " + indices.length + " indices for " + size + " samples");
        }
        if (nativeMasks != null && (masks == null || nativeMasks.size() != size)) {
            throw new InvalidInputException("batch has " + nativeMasks.size() + " native masks for " + size
                    + (masks == null ? " classification" : " segmentation") + " samples");
        }
        nativeMasks = nativeMasks == null ? null : List.copyOf(nativeMasks);
    }

    /** A batch without native masks (training, classification). */
    public Batch(float[] images, int[] labels, int[] masks, int size, int height, int width, int[] indices) {
        this(images, labels, masks, size, height, width, indices, null);
    }

    /** Bytes the batch's arrays hold, for memory budgets. */
    public long bytes() {
        long bytes = 4L * images.length + 4L * indices.length + (labels == null ? 0 : 4L * labels.length)
                + (masks == null ? 0 : 4L * masks.length);
        if (nativeMasks != null) {
            for (NativeMask m : nativeMasks) {
                bytes += m.size();
            }
        }
        return bytes;
    }

    /** Values of one sample's image: {@code 3 x height x width}. */
    public int imageStride() {
        return 3 * height * width;
    }
}
