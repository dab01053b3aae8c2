package org.sparsevit4j.supernet.checkpoint;

import java.nio.file.Path;
import java.util.Objects;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.supernet.data.DatasetFormat;
import org.sparsevit4j.supernet.data.DatasetOptions;
import org.sparsevit4j.supernet.data.Datasets;
import org.sparsevit4j.supernet.data.SampleSource;
import org.sparsevit4j.supernet.data.Task;

/**
 * One training run, as given on the command line and as stored in every checkpoint, so that a
 * resumed run needs nothing but its folder.
 *
 * @param arch architecture preset name
 * @param task classification or segmentation
 * @param dataset dataset folder, or null for the built-in synthetic scenes
 * @param format the folder's layout (never guessed again on resume); null with the built-in scenes
 * @param data dataset options (seed of the splits, search share, skipping, synthetic sizes)
 * @param height training resolution, rows
 * @param width training resolution, columns
 * @param batchSize images per step
 * @param steps optimizer steps planned
 * @param maxMinutes wall-clock budget in minutes (0: none); when the planned steps would not fit,
 *     the run is shortened to fit after its first steps, schedule included (see the trainer)
 * @param learningRate peak learning rate
 * @param minLearningRate final learning rate of the cosine decay
 * @param warmupSteps linear warm-up steps
 * @param weightDecay AdamW decoupled weight decay (not on norms, biases, position tables)
 * @param clipNorm global gradient-norm clip (0: none)
 * @param seed seed of initialization, sampling and augmentation
 * @param checkpointEvery steps between checkpoints
 * @param recipe what an SAA step trains beyond the paper's (unused when fine-tuning)
 * @param granularity one sampled ratio per block, block pair or stage
 * @param fixedConfig the one configuration of a fine-tuning run, or null for SAA
 * @param initWeights weights to start from (checkpoint, run folder or torchvision/timm file), or null
 * @param decoderDim segmentation decoder width
 * @param loaderThreads threads that decode and augment images
 * @param loss how segmentation's cross-entropy treats rare classes (plain for classification)
 */
public record TrainSettings(
        String arch,
        Task task,
        Path dataset,
        DatasetFormat format,
        DatasetOptions data,
        int height,
        int width,
        int batchSize,
        long steps,
        double maxMinutes,
        double learningRate,
        double minLearningRate,
        long warmupSteps,
        double weightDecay,
        double clipNorm,
        long seed,
        int checkpointEvery,
        SaaRecipe recipe,
        Granularity granularity,
        SparsityConfig fixedConfig,
        Path initWeights,
        int decoderDim,
        int loaderThreads,
        SegmentationLoss loss) {

    public TrainSettings {
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(data, "data");
        if ((dataset == null) != (format == null)) {
            throw new IllegalArgumentException("a dataset folder comes with its format, the built-in scenes without");
        }
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(recipe, "recipe");
        positive("--resolution", height);
        positive("--resolution", width);
        positive("--batch", batchSize);
        if (steps < 1) {
            throw new InvalidInputException("--steps " + steps + " must be at least 1");
        }
        if (!(maxMinutes >= 0) || Double.isInfinite(maxMinutes)) {
            throw new InvalidInputException("--max-minutes " + maxMinutes + " must be a number >= 0");
        }
        if (!(weightDecay >= 0) || !(clipNorm >= 0)) {
            throw new InvalidInputException("weight decay " + weightDecay + " and clip norm " + clipNorm
                    + " must be >= 0");
        }
        positive("--checkpoint-every", checkpointEvery);
        positive("decoder width", decoderDim);
        positive("--loader-threads", loaderThreads);
        Objects.requireNonNull(loss, "loss");
        if (task == Task.CLASSIFICATION && !loss.isPlain()) {
            throw new InvalidInputException("--class-weights and --ohem weigh the pixels of segmentation; a "
                    + "classification run takes neither");
        }
        checkRates(learningRate, minLearningRate, warmupSteps, steps);
    }

    private static void positive(String what, long value) {
        if (value < 1) {
            throw new InvalidInputException(what + " " + value + " must be at least 1");
        }
    }

    /** Opens the run's data: its folder in its format, or the built-in scenes. */
    public SampleSource openData() {
        return dataset == null ? Datasets.synthetic(task, data) : Datasets.open(dataset, format, task, data);
    }

    /** Whether this run trains one fixed configuration (fine-tuning) rather than SAA. */
    public boolean finetune() {
        return fixedConfig != null;
    }

    /** The same run planned for {@code total} steps (a time budget shortened it). */
    public TrainSettings withSteps(long total) {
        return new TrainSettings(arch, task, dataset, format, data, height, width, batchSize, total, maxMinutes,
                learningRate, minLearningRate, Math.min(warmupSteps, total), weightDecay, clipNorm, seed, checkpointEvery,
                recipe, granularity, fixedConfig, initWeights, decoderDim, loaderThreads, loss);
    }

    /** The same run with another wall-clock budget (a resumed run may bring its own). */
    public TrainSettings withMaxMinutes(double minutes) {
        return new TrainSettings(arch, task, dataset, format, data, height, width, batchSize, steps, minutes,
                learningRate, minLearningRate, warmupSteps, weightDecay, clipNorm, seed, checkpointEvery, recipe,
                granularity, fixedConfig, initWeights, decoderDim, loaderThreads, loss);
    }

    /** The rules of a learning-rate schedule: a positive peak, a final rate in [0, peak], sensible step counts. */
    public static void checkRates(double baseRate, double minRate, long warmupSteps, long totalSteps) {
        if (!(baseRate > 0) || !Double.isFinite(baseRate)) {
            throw new InvalidInputException("learning rate " + baseRate + " must be a positive number");
        }
        if (!(minRate >= 0) || minRate > baseRate) {
            throw new InvalidInputException("final learning rate " + minRate + " must be in [0, " + baseRate + "]");
        }
        if (warmupSteps < 0 || totalSteps < 1) {
            throw new InvalidInputException("warm-up " + warmupSteps + " and total " + totalSteps
                    + " steps must be >= 0 and >= 1");
        }
    }
}
