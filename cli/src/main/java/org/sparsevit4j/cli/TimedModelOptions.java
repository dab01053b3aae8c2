package org.sparsevit4j.cli;

import java.nio.file.Path;
import org.sparsevit4j.app.ModelChoice;
import picocli.CommandLine.Option;

/**
 * What {@code bench} and {@code profile} time: the model of {@code --weights}, or a freshly
 * initialized model of {@code --arch}, {@code --task} and {@code --classes}.
 */
public final class TimedModelOptions {

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

    ModelChoice choice() {
        return new ModelChoice(arch, task, classes, weights);
    }
}
