package org.sparsevit4j.supernet.data;

/**
 * The per-channel normalization every sample gets, {@code (pixel / 255 - mean) / std}, with the
 * ImageNet statistics that torchvision's and timm's Swin weights were trained with, so imported
 * weights see the inputs they expect.
 */
public final class ImageNetNormalization {

    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private ImageNetNormalization() {
    }

    /** The mean of channel {@code c} (0 = red) on the 0..1 scale. */
    public static float mean(int c) {
        return MEAN[c];
    }

    /** The standard deviation of channel {@code c} on the 0..1 scale. */
    public static float std(int c) {
        return STD[c];
    }

    /** The normalized value of an 8-bit channel value (fractional values come from resampling). */
    public static float normalize(int c, float value255) {
        return (value255 / 255f - MEAN[c]) / STD[c];
    }

    /** The 0..255 value a normalized value came from, for pictures of samples. */
    public static float denormalize(int c, float normalized) {
        return (normalized * STD[c] + MEAN[c]) * 255f;
    }
}
