package org.sparsevit4j.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.profiler.TimedHead;
import org.sparsevit4j.supernet.data.Task;
import org.sparsevit4j.supernet.model.SwinSegmenter;
import org.sparsevit4j.supernet.checkpoint.ModelSpec;

/**
 * What latency is measured on: the model of {@code weights} (a checkpoint says whether it is a
 * classifier or a segmenter), or a freshly initialized model of {@code arch}, {@code task} and
 * {@code classes} (latency does not depend on the values).
 *
 * @param arch architecture preset, or null for the operation's default
 * @param task {@code classification} or {@code segmentation} of a fresh model, or null (classification)
 * @param classes classes of a fresh model's head, or null (1000 for classification, 19 for segmentation)
 * @param weights a trained model to time, or null
 */
public record ModelChoice(String arch, String task, Integer classes, Path weights) {

    /** Classes of a fresh segmenter unless said otherwise: Cityscapes' 19, the paper's segmentation data. */
    public static final int DEFAULT_SEGMENTATION_CLASSES = 19;

    /** A fresh classifier of {@code arch}. */
    public static ModelChoice fresh(String arch) {
        return new ModelChoice(arch, null, null, null);
    }

    /** The fresh model to time: {@code fallbackArch} unless {@code arch}, classification unless {@code task}. */
    public ModelSpec freshSpec(String fallbackArch) {
        ArchitectureSpec base = ArchitectureSpec.preset(arch != null ? arch : fallbackArch);
        Task head = task == null ? Task.CLASSIFICATION : Task.parse(task);
        int count = classes != null ? classes
                : head == Task.SEGMENTATION ? DEFAULT_SEGMENTATION_CLASSES : base.numClasses();
        if (count < 1) {
            throw new InvalidInputException("--classes " + count + " must be at least 1");
        }
        return specOf(base, new TimedHead(head.cliName(), count, head == Task.SEGMENTATION
                ? SwinSegmenter.DEFAULT_DECODER_DIM : 0));
    }

    /** The fresh model a latency table was measured with. */
    public static ModelSpec specOf(ArchitectureSpec arch, TimedHead head) {
        List<String> names = new ArrayList<>(head.classes());
        for (int i = 0; i < head.classes(); i++) {
            names.add("class " + i);
        }
        boolean segmentation = head.task().equals(TimedHead.SEGMENTATION);
        return new ModelSpec(arch.withNumClasses(head.classes()), segmentation ? Task.SEGMENTATION
                : Task.CLASSIFICATION, names, segmentation ? head.decoderDim() : SwinSegmenter.DEFAULT_DECODER_DIM);
    }

    /** Fails when {@code weights} is combined with what describes a fresh model. */
    public void requireConsistent() {
        if (weights != null && (task != null || classes != null)) {
            throw new InvalidInputException("--task and --classes describe a fresh model; with --weights the model "
                    + "is the one in the file");
        }
    }

    /** Whether only the architecture (or nothing) was chosen, so a table's own model may be used. */
    public boolean unspecified() {
        return arch == null && task == null && classes == null && weights == null;
    }
}
