package org.sparsevit4j.profiler;

import java.util.Locale;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.supernet.model.SwinModel;
import org.sparsevit4j.supernet.model.SwinSegmenter;

/**
 * The task head a latency was measured with: a pass is the whole task model, so a segmenter's
 * decoder (which runs at the first stage's resolution and upsamples to the input) is timed with
 * it, and a table of a classifier does not predict a segmenter.
 *
 * @param task {@code classification} or {@code segmentation}
 * @param classes outputs per image (classification) or per pixel (segmentation)
 * @param decoderDim the segmentation decoder's width; 0 for a classifier
 */
public record TimedHead(String task, int classes, int decoderDim) {

    public static final String CLASSIFICATION = "classification";
    public static final String SEGMENTATION = "segmentation";

    public TimedHead {
        if (!task.equals(CLASSIFICATION) && !task.equals(SEGMENTATION)) {
            throw new InvalidInputException("task " + task + " is not classification or segmentation");
        }
        if (classes < 1) {
            throw new InvalidInputException("a head of " + classes + " classes");
        }
    }

    /** The head of {@code model}. */
    public static TimedHead of(SwinModel model) {
        if (model instanceof SwinSegmenter segmenter) {
            return new TimedHead(SEGMENTATION, segmenter.head().numClasses(), segmenter.head().fuse().out());
        }
        return new TimedHead(CLASSIFICATION, model.arch().numClasses(), 0);
    }

    /** {@code classification (1000 classes)} or {@code segmentation (6 classes, decoder 128)}. */
    public String describe() {
        return task + " (" + classes + " classes" + (decoderDim > 0 ? String.format(Locale.ROOT, ", decoder %d", decoderDim)
                : "") + ")";
    }
}
