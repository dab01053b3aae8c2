package org.sparsevit4j.supernet.train;

import java.util.Locale;
import org.sparsevit4j.supernet.data.SampleSource;
import org.sparsevit4j.supernet.data.Split;
import org.sparsevit4j.supernet.data.Transform;

/**
 * The share of each class among the training pixels, counted over an evenly spaced sample of the
 * training split, and the class weights of {@link SegmentationLoss.ClassWeights#BALANCED} made
 * from it. A pure function of the data, so a resumed run computes the same weights again.
 */
public final class ClassFrequencies {

    /** Images counted at most: enough for shares of a few percent, cheap next to training. */
    static final int MAX_IMAGES = 256;
    /** A class seen in no counted pixel is weighted as if it had this share. */
    private static final double FLOOR = 1e-4;

    private final double[] shares;

    private ClassFrequencies(double[] shares) {
        this.shares = shares;
    }

    /** Counts the classes of up to {@value #MAX_IMAGES} training images at {@code height x width}. */
    public static ClassFrequencies count(SampleSource source, int height, int width) {
        int images = source.size(Split.TRAIN);
        int taken = Math.min(images, MAX_IMAGES);
        long[] counts = new long[source.numClasses()];
        Transform transform = Transform.eval(height, width);
        for (int i = 0; i < taken; i++) {
            int index = (int) ((long) i * images / taken);
            for (int m : source.load(Split.TRAIN, index, transform, 0).mask()) {
                if (m >= 0 && m < counts.length) {
                    counts[m]++;
                }
            }
        }
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        double[] shares = new double[counts.length];
        for (int c = 0; c < counts.length; c++) {
            shares[c] = total == 0 ? 1.0 / counts.length : (double) counts[c] / total;
        }
        return new ClassFrequencies(shares);
    }

    /** Each class's share of the counted pixels. */
    public double[] shares() {
        return shares.clone();
    }

    /**
     * Weights proportional to {@code 1 / sqrt(share)}, scaled so that the mean weight of a pixel is
     * 1 (the loss keeps its scale, so the learning rate means the same). The square root, rather than
     * the inverse share itself, keeps a class of 1% from weighing 90 times the background, which
     * makes the first steps unstable.
     */
    public float[] balancedWeights() {
        double[] raw = new double[shares.length];
        double mean = 0;
        for (int c = 0; c < shares.length; c++) {
            raw[c] = 1 / Math.sqrt(Math.max(shares[c], FLOOR));
            mean += shares[c] * raw[c];
        }
        float[] weights = new float[shares.length];
        for (int c = 0; c < shares.length; c++) {
            weights[c] = (float) (raw[c] / mean);
        }
        return weights;
    }

    /** {@code background 0.882, horizontal 0.020, ...} for logs. */
    public String describe(java.util.List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < shares.length; c++) {
            sb.append(c == 0 ? "" : ", ").append(c < names.size() ? names.get(c) : "class " + c)
                    .append(String.format(Locale.ROOT, " %.3f", shares[c]));
        }
        return sb.toString();
    }
}
