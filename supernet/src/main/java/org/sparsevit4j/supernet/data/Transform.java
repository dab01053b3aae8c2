package org.sparsevit4j.supernet.data;

import org.sparsevit4j.core.InvalidInputException;

/**
 * How a decoded image (and its mask) becomes a {@code height x width} sample. The same geometry
 * serves classification and segmentation, so a mask always stays aligned with its image.
 *
 * <p><b>Eval</b> ({@code train == false}): the image is resized to exactly {@code height x width}
 * (aspect ratio not kept), the mask likewise with nearest-neighbour sampling.
 *
 * <p><b>Train</b> (the mmsegmentation recipe of scale jitter and random crop):
 * <ol>
 *   <li>base scale {@code s0 = max(height / H, width / W)}, the smallest at which the
 *       {@code H x W} source covers the output;</li>
 *   <li>scale {@code s = s0 · j}, {@code j} uniform in {@code [minScale, maxScale]} (1.0..2.0 by
 *       default); the source is resized to {@code round(H·s) x round(W·s)};</li>
 *   <li>a {@code height x width} window is taken at a uniformly random integer offset: a crop
 *       where the resized image is larger, a random placement inside padding where it is smaller
 *       (image padding 0 after normalization, i.e. the mean colour; mask padding the ignore
 *       index), independently per axis;</li>
 *   <li>with {@code flip}, the result is mirrored left-right with probability 1/2.</li>
 * </ol>
 * The draws (jitter, row offset, column offset, flip) come in that order from a generator seeded
 * by the augmentation seed alone, so a sample is a pure function of (image, seed).
 *
 * <p>Resampling: images use a triangle (bilinear) filter whose support widens with the
 * down-scaling factor, as PIL's antialiased bilinear resize does, so large sources shrink without
 * aliasing; pixel centres are aligned ({@code align_corners=False}). Masks take the source pixel
 * under the output pixel's centre. Classification uses the same geometry rather than a
 * random-resized crop: for small objects in large scenes an 8%-area crop would often cut the
 * labelled object away; pass a narrower jitter (say 0.8..1.25) where objects fill less of the
 * image.
 *
 * @param height output rows
 * @param width output columns
 * @param train whether to jitter, crop and flip
 * @param minScale lowest jitter factor of the base scale (train only; 1 for eval)
 * @param maxScale highest jitter factor (train only; 1 for eval)
 * @param flip whether to mirror left-right with probability 1/2 (train only)
 */
public record Transform(int height, int width, boolean train, double minScale, double maxScale, boolean flip) {

    /**
     * The default jitter range of {@link #train(int, int)}: zoom in only, so that no sample is
     * padded. A padded (constant) region gives the patch embedding's layer norm tokens of
     * near-zero variance, whose gradients at initialization are huge (a global gradient norm of
     * 1.8e5 on the first step with 0.5..2.0, against 8 without padding, on the built-in scenes).
     */
    public static final double DEFAULT_MIN_SCALE = 1.0;
    public static final double DEFAULT_MAX_SCALE = 2.0;

    /** Rejects sizes that could not be held in one Java array of floats. */
    private static final long MAX_VALUES = Integer.MAX_VALUE - 64;

    public Transform {
        if (height < 1 || width < 1) {
            throw new InvalidInputException("transform size " + height + "x" + width + " must be at least 1x1");
        }
        if (3L * height * width > MAX_VALUES) {
            throw new InvalidInputException("transform size " + height + "x" + width + " is too large for one image array");
        }
        if (!(Double.isFinite(minScale) && Double.isFinite(maxScale) && minScale > 0 && minScale <= maxScale)) {
            throw new InvalidInputException("transform scale range " + minScale + ".." + maxScale
                    + " must be finite with 0 < min <= max");
        }
        if (!train && (minScale != 1 || maxScale != 1 || flip)) {
            throw new InvalidInputException("an eval transform resizes exactly; scale " + minScale + ".." + maxScale
                    + (flip ? " and flips" : "") + " apply to training transforms only");
        }
    }

    /** Training: scale jitter 0.5..2.0 of the fitting scale, random crop or padding, random flip. */
    public static Transform train(int height, int width) {
        return new Transform(height, width, true, DEFAULT_MIN_SCALE, DEFAULT_MAX_SCALE, true);
    }

    /** Evaluation: resize to exactly {@code height x width}. */
    public static Transform eval(int height, int width) {
        return new Transform(height, width, false, 1, 1, false);
    }
}
