package org.sparsevit4j.app;

import java.nio.file.Path;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.supernet.model.SwinSegmenter;
import org.sparsevit4j.supernet.checkpoint.SaaRecipe;
import org.sparsevit4j.supernet.checkpoint.SegmentationLoss;

/**
 * A training run: sparsity-aware adaptation of a supernet ({@code config} null), or fine-tuning at
 * one configuration ({@code config} a configuration file).
 *
 * @param arch architecture preset
 * @param data the training data
 * @param resolution training size (also the built-in scenes' size)
 * @param weights weights to start from (checkpoint, run folder, torchvision/timm file), or null
 * @param out the run folder
 * @param steps optimizer steps
 * @param maxMinutes stop after this many minutes (0: no limit)
 * @param batch images per step
 * @param learningRate peak learning rate
 * @param minLearningRate final learning rate of the cosine decay
 * @param warmup warm-up steps
 * @param weightDecay AdamW weight decay
 * @param clip global gradient-norm clip (0: off)
 * @param seed seed of initialization, data, splits and sampling
 * @param checkpointEvery steps between checkpoints
 * @param decoderDim width of the segmentation decoder
 * @param loaderThreads decoding threads
 * @param recipe what a sparsity-aware adaptation step trains beyond the paper's (unused when fine-tuning)
 * @param granularity what one sampled ratio covers
 * @param config the configuration to fine-tune, or null for sparsity-aware adaptation
 * @param loss how segmentation's cross-entropy treats rare classes
 */
public record TrainRequest(String arch, DataSpec data, Resolution resolution, Path weights, Path out, long steps,
        double maxMinutes, int batch, double learningRate, double minLearningRate, long warmup, double weightDecay,
        double clip, long seed, int checkpointEvery, int decoderDim, int loaderThreads, SaaRecipe recipe,
        Granularity granularity, Path config, SegmentationLoss loss) {

    /** The command line's defaults for a supernet of {@code arch} written to {@code out}. */
    public static TrainRequest supernet(String arch, Path out) {
        return new TrainRequest(arch, DataSpec.builtIn(), Resolution.square(224), null, out, 1000, 0, 8, 1e-3, 1e-5, 50,
                0.05, 1.0, 0, 100, SwinSegmenter.DEFAULT_DECODER_DIM, 1, Trainings.DEFAULT_RECIPE, Granularity.PAIR, null,
                SegmentationLoss.PLAIN);
    }

    /** Whether this fine-tunes one configuration. */
    public boolean finetune() {
        return config != null;
    }
}
