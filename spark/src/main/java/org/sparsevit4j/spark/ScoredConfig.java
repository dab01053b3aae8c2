package org.sparsevit4j.spark;

import java.io.Serializable;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.evaluator.EvaluationResult;

/**
 * The metrics of one configuration as a task sends them back: by its index in the generation, every
 * number as computed (Java serialization keeps each double's bits).
 */
record ScoredConfig(int index, String split, int images, boolean segmentation, double top1, double miou,
        double pixelAccuracy, double[] classIou, double seconds) implements Serializable {

    static ScoredConfig of(int index, EvaluationResult r) {
        return new ScoredConfig(index, r.split(), r.images(), r.segmentation(), r.top1(), r.miou(), r.pixelAccuracy(),
                r.classIou().stream().mapToDouble(Double::doubleValue).toArray(), r.seconds());
    }

    /** The result for {@code config} (the driver's own object for the configuration at {@link #index}). */
    EvaluationResult result(SparsityConfig config) {
        return new EvaluationResult(config, split, images, segmentation, top1, miou, pixelAccuracy,
                java.util.Arrays.stream(classIou).boxed().toList(), seconds, false);
    }
}
