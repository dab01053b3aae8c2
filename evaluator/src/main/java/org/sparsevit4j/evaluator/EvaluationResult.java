package org.sparsevit4j.evaluator;

import java.util.List;
import org.sparsevit4j.core.SparsityConfig;

/**
 * The metric of one configuration on one split.
 *
 * @param config the configuration evaluated
 * @param split the split's name ({@code val}, {@code search}, {@code train})
 * @param images images evaluated
 * @param segmentation whether the metrics are per pixel
 * @param top1 top-1 accuracy (classification; NaN otherwise)
 * @param miou mean intersection over union (segmentation; NaN otherwise)
 * @param pixelAccuracy pixel accuracy (segmentation; NaN otherwise)
 * @param classIou IoU of each class in class-index order, NaN for a class that occurs neither in the
 *     labels nor in the predictions (segmentation; empty otherwise)
 * @param seconds time the evaluation took (0 when it came from the cache)
 * @param cached whether it came from the cache
 */
public record EvaluationResult(SparsityConfig config, String split, int images, boolean segmentation, double top1,
        double miou, double pixelAccuracy, List<Double> classIou, double seconds, boolean cached) {

    public EvaluationResult {
        classIou = List.copyOf(classIou);
    }

    /** The metric the search maximizes: mIoU for segmentation, top-1 for classification. */
    public double metric() {
        return segmentation ? miou : top1;
    }

    /** {@code miou} or {@code top1}. */
    public String metricName() {
        return segmentation ? "miou" : "top1";
    }

    EvaluationResult fromCache() {
        return new EvaluationResult(config, split, images, segmentation, top1, miou, pixelAccuracy, classIou, 0, true);
    }
}
