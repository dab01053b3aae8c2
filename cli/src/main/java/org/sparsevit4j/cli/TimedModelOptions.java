package org.sparsevit4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.profiler.TimedHead;
import org.sparsevit4j.supernet.data.Task;
import org.sparsevit4j.supernet.model.SwinSegmenter;
import org.sparsevit4j.supernet.train.ModelSpec;
import picocli.CommandLine.Option;

/**
 * What {@code bench} and {@code profile} time: the model of {@code --weights} (a checkpoint says
 * whether it is a classifier or a segmenter), or a freshly initialized model of {@code --arch},
 * {@code --task} and {@code --classes} (latency does not depend on the values).
 */
public final class TimedModelOptions {

    /** Classes of a fresh segmenter unless --classes says otherwise: Cityscapes' 19, the paper's segmentation data. */
    static final int DEFAULT_SEGMENTATION_CLASSES = 19;

    @Option(names = "--arch", paramLabel = "NAME",
            description = "Architecture preset: swin_micro, swin_t, swin_s or swin_b.")
    String arch;

    @Option(names = "--task", paramLabel = "classification|segmentation",
            description = "Head of a fresh model: classification (linear head; default) or segmentation (the "
                    + "decoder the segmenter trains with).")
    String task;

    @Option(names = "--classes", paramLabel = "N",
            description = "Classes of a fresh model's head. Default: 1000 for classification, 19 for segmentation.")
    Integer classes;

    @Option(names = "--weights", paramLabel = "FILE|RUN",
            description = "Time this trained model (checkpoint, run folder or torchvision/timm weights) instead of a "
                    + "fresh one; its head is timed with it.")
    Path weights;

    /** The fresh model to time: {@code fallback} arch unless --arch, classification unless --task. */
    ModelSpec fresh(String fallbackArch) {
        ArchitectureSpec base = ArchitectureSpec.preset(arch != null ? arch : fallbackArch);
        Task head = task == null ? Task.CLASSIFICATION : Task.parse(task);
        int count = classes != null ? classes
                : head == Task.SEGMENTATION ? DEFAULT_SEGMENTATION_CLASSES : base.numClasses();
        if (count < 1) {
            throw new InvalidInputException("--classes " + count + " must be at least 1");
        }
        return of(base, new TimedHead(head.cliName(), count, head == Task.SEGMENTATION
                ? SwinSegmenter.DEFAULT_DECODER_DIM : 0));
    }

    /** The fresh model a latency table was measured with. */
    static ModelSpec of(ArchitectureSpec arch, TimedHead head) {
        List<String> names = new ArrayList<>(head.classes());
        for (int i = 0; i < head.classes(); i++) {
            names.add("class " + i);
        }
        boolean segmentation = head.task().equals(TimedHead.SEGMENTATION);
        return new ModelSpec(arch.withNumClasses(head.classes()), segmentation ? Task.SEGMENTATION
                : Task.CLASSIFICATION, names, segmentation ? head.decoderDim() : SwinSegmenter.DEFAULT_DECODER_DIM);
    }

    /** Fails when --weights is combined with options that describe a fresh model. */
    void requireConsistent() {
        if (weights != null && (task != null || classes != null)) {
            throw new InvalidInputException("--task and --classes describe a fresh model; with --weights the model "
                    + "is the one in the file");
        }
    }

    boolean archGiven() {
        return arch != null;
    }
}
