package org.sparsevit4j.cli;

import org.sparsevit4j.app.Resolution;
import org.sparsevit4j.app.TrainRequest;
import org.sparsevit4j.app.TrainingProgress;
import org.sparsevit4j.app.Trainings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.supernet.model.SwinSegmenter;
import org.sparsevit4j.supernet.checkpoint.SaaRecipe;
import org.sparsevit4j.supernet.checkpoint.SegmentationLoss;
import org.sparsevit4j.supernet.train.SupernetTrainer;
import org.sparsevit4j.supernet.train.TrainingDivergedException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of {@code train-supernet} and {@code finetune}, and how both run. */
abstract class TrainingOptions {

    @Option(names = "--arch", paramLabel = "NAME", defaultValue = "swin_micro",
            description = "Architecture preset (swin_micro, swin_t, swin_s, swin_b). Default: ${DEFAULT-VALUE}.")
    String arch;

    @Mixin
    DataOptions data;

    @Option(names = "--resolution", paramLabel = "SIZE", defaultValue = "224", converter = ResolutionConverter.class,
            description = "Training size (also the built-in scenes' size). Default: ${DEFAULT-VALUE}.")
    Resolution resolution;

    @Option(names = "--weights", paramLabel = "FILE|RUN",
            description = "Start from these weights: a checkpoint, a training run folder (its latest checkpoint), or "
                    + "torchvision/timm safetensors (backbone only when the head differs).")
    Path weights;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder for checkpoints and the training log.")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN", description = "Continue the run in this folder from its latest "
            + "checkpoint (its settings are kept; --max-minutes may be given again).")
    Path resume;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "1000", description = "Optimizer steps. Default: ${DEFAULT-VALUE}.")
    long steps;

    @Option(names = "--max-minutes", paramLabel = "M", defaultValue = "0",
            description = "Stop after M minutes if --steps is not reached first; the run is shortened to fit after "
                    + "its first steps, learning-rate schedule included. Default: no limit.")
    double maxMinutes;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "8", description = "Images per step. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1e-3", description = "Peak learning rate (AdamW). Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(names = "--min-lr", paramLabel = "RATE", defaultValue = "1e-5", description = "Final learning rate of the cosine decay. Default: ${DEFAULT-VALUE}.")
    double minLearningRate;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "50", description = "Warm-up steps. Default: ${DEFAULT-VALUE}.")
    long warmup;

    @Option(names = "--weight-decay", paramLabel = "W", defaultValue = "0.05",
            description = "AdamW weight decay (not on norms, biases, position tables). Default: ${DEFAULT-VALUE}.")
    double weightDecay;

    @Option(names = "--clip", paramLabel = "NORM", defaultValue = "1.0", description = "Global gradient-norm clip (0: off). Default: ${DEFAULT-VALUE}.")
    double clip;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of initialization, data, splits and sampling. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "100", description = "Steps between checkpoints. Default: ${DEFAULT-VALUE}.")
    int checkpointEvery;

    @Option(names = "--decoder-dim", paramLabel = "D", defaultValue = "" + SwinSegmenter.DEFAULT_DECODER_DIM,
            description = "Width of the segmentation decoder. Default: ${DEFAULT-VALUE}.")
    int decoderDim;

    @Option(names = "--loader-threads", paramLabel = "N", defaultValue = "1",
            description = "Threads decoding and augmenting images. Default: ${DEFAULT-VALUE}.")
    int loaderThreads;

    @Option(names = "--class-weights", paramLabel = "none|balanced", defaultValue = "none",
            description = "Segmentation: weigh each class's pixels by 1/sqrt of its share of the training pixels "
                    + "(balanced), so that rare classes are learned and not only the background. Default: "
                    + "${DEFAULT-VALUE}.")
    String classWeights;

    @Option(names = "--ohem", description = "Segmentation: count only the hard pixels (predicted below 0.7 "
            + "probability, at least the hardest eighth), online hard example mining.")
    boolean ohem;

    @Mixin
    ThreadsOption threads;

    /** The configuration file to fine-tune, or null (sparsity-aware adaptation). */
    abstract Path config();

    /** What an SAA step trains beyond the paper's (ignored when fine-tuning). */
    abstract SaaRecipe recipe();

    abstract Granularity granularity();

    abstract String verb();

    int run(PrintWriter err) {
        threads.apply();
        try (CliProgress progress = new CliProgress(err)) {
            TrainingProgress listener = new TrainingProgress(progress);
            SupernetTrainer.Result result = resume != null
                    ? Trainings.resume(resume, maxMinutes > 0 ? maxMinutes : null, listener)
                    : Trainings.run(request(), listener);
            progress.close();
            err.printf(Locale.ROOT, "%s: %d of %d steps, last loss %.4f; latest checkpoint %s%n", verb(),
                    result.steps(), result.totalSteps(), result.lastLoss(), result.checkpoint());
            return 0;
        } catch (TrainingDivergedException e) {
            err.println("sparsevit: " + e.getMessage());
            return SparsevitCommand.FAILURE;
        }
    }

    private TrainRequest request() {
        return new TrainRequest(arch, data.spec(), resolution, weights, out, steps, maxMinutes, batch, learningRate,
                minLearningRate, warmup, weightDecay, clip, seed, checkpointEvery, decoderDim, loaderThreads, recipe(),
                granularity(), config(), new SegmentationLoss(SegmentationLoss.ClassWeights.parse(classWeights), ohem));
    }
}
