package org.sparsevit4j.evaluator;

import java.util.ArrayList;
import java.util.List;
import org.sparsevit4j.supernet.data.NativeMask;

/**
 * Pixel counts by (true class, predicted class) for semantic segmentation, summed over a whole
 * split, and the metrics read off them: each class's IoU, mIoU (mean over the classes that occur
 * in the truth or the predictions, as mmseg averages over classes whose IoU is defined) and pixel
 * accuracy. Pixels labelled with the ignore index count nowhere.
 */
public final class ConfusionMatrix {

    private final int classes;
    private final int ignoreIndex;
    private final long[] counts;

    public ConfusionMatrix(int classes, int ignoreIndex) {
        this.classes = classes;
        this.ignoreIndex = ignoreIndex;
        this.counts = new long[classes * classes];
    }

    /** Adds predictions against targets, pixel by pixel (same length). */
    public void add(int[] predicted, int[] target) {
        if (predicted.length != target.length) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + target.length + " targets");
        }
        for (int i = 0; i < target.length; i++) {
            int t = target[i];
            if (t != ignoreIndex) {
                counts[t * classes + predicted[i]]++;
            }
        }
    }

    /** Adds predictions against a target at its label file's resolution, pixel by pixel (same size). */
    public void add(int[] predicted, NativeMask target) {
        if (predicted.length != target.size()) {
            throw new IllegalArgumentException(predicted.length + " predictions for a " + target.height() + "x"
                    + target.width() + " target");
        }
        for (int i = 0; i < predicted.length; i++) {
            int t = target.classAt(i);
            if (t != ignoreIndex) {
                if (t >= classes) {
                    throw new IllegalArgumentException("target class " + t + " of " + classes + " classes");
                }
                counts[t * classes + predicted[i]]++;
            }
        }
    }

    /** Intersection over union of one class, NaN when it occurs neither in truth nor in predictions. */
    public double iou(int c) {
        long intersection = counts[c * classes + c];
        long truth = 0;
        long predicted = 0;
        for (int k = 0; k < classes; k++) {
            truth += counts[c * classes + k];
            predicted += counts[k * classes + c];
        }
        long union = truth + predicted - intersection;
        return union == 0 ? Double.NaN : (double) intersection / union;
    }

    /** {@link #iou} of every class, in class-index order. */
    public List<Double> classIou() {
        List<Double> out = new ArrayList<>(classes);
        for (int c = 0; c < classes; c++) {
            out.add(iou(c));
        }
        return out;
    }

    /** Mean IoU over the classes whose IoU is defined; NaN before any pixel. */
    public double meanIou() {
        double sum = 0;
        int defined = 0;
        for (int c = 0; c < classes; c++) {
            double iou = iou(c);
            if (!Double.isNaN(iou)) {
                sum += iou;
                defined++;
            }
        }
        return defined == 0 ? Double.NaN : sum / defined;
    }

    /** Share of scored pixels predicted right. */
    public double pixelAccuracy() {
        long right = 0;
        long all = 0;
        for (int t = 0; t < classes; t++) {
            for (int p = 0; p < classes; p++) {
                all += counts[t * classes + p];
                if (t == p) {
                    right += counts[t * classes + p];
                }
            }
        }
        return all == 0 ? Double.NaN : (double) right / all;
    }
}
