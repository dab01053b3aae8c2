package org.sparsevit4j.app;

import java.nio.file.Path;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SparsityConfigJson;
import org.sparsevit4j.supernet.checkpoint.SaaRecipe;
import org.sparsevit4j.supernet.checkpoint.SegmentationLoss;
import org.sparsevit4j.supernet.checkpoint.Checkpoints;
import org.sparsevit4j.supernet.train.SupernetTrainer;
import org.sparsevit4j.supernet.checkpoint.TrainSettings;
import org.sparsevit4j.supernet.train.TrainingListener;

/** Training runs: sparsity-aware adaptation and fine-tuning, and their resumption. */
public final class Trainings {

    /** Peak learning rate of AdamW unless a request says otherwise. */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    /** Final learning rate of the cosine decay. */
    public static final double DEFAULT_MIN_LEARNING_RATE = 1e-5;
    /** Steps of linear warm-up. */
    public static final long DEFAULT_WARMUP = 50;
    /**
     * What a sparsity-aware adaptation step trains unless a request says otherwise: the paper's
     * random configuration, distilled from the dense pass with weight 1. On the built-in benchmark
     * (3000 steps, seeds 1 and 2) distillation cut the points lost at uniform 0.6 from 6.6 and 3.9 to
     * 4.0 and 2.0, for about 50% more time a step (README, "Does it work?").
     */
    public static final SaaRecipe DEFAULT_RECIPE = new SaaRecipe(false, 1);
    /**
     * What the short runs (the demo's 400 SAA steps, the quick ablation's 300) train: the paper's
     * recipe without distillation, because in so few steps the dense teacher has not learned yet. With
     * it the demo's supernet scored 0.6516 dense against 0.6720 without, and the quick ablation's
     * 0.5957 against 0.6413 (README, "Training runs").
     */
    public static final SaaRecipe SHORT_RUN_RECIPE = SaaRecipe.PAPER;

    private Trainings() {
    }

    /**
     * Runs {@code request} in its run folder, which must not hold a run yet.
     *
     * @throws InvalidInputException for bad settings, before any work
     * @throws org.sparsevit4j.supernet.train.TrainingDivergedException when the loss or a gradient stops
     *     being finite (the last checkpoint stays as it was)
     */
    public static SupernetTrainer.Result run(TrainRequest request, TrainingListener listener) {
        if (request.out() == null) {
            throw new InvalidInputException("give --out DIR for the run's checkpoints and log, or --resume RUN to "
                    + "continue one");
        }
        OutputPaths.requireWritableFolder(request.out(), "--out");
        TrainSettings settings = settings(request);
        request.data().formatNote().ifPresent(listener::onMessage);
        return SupernetTrainer.train(settings, request.out(), listener);
    }

    /**
     * Continues the run in {@code runDir} from its latest checkpoint, after checking it against what
     * the run recorded at its start ({@link SupernetTrainer#resume}); {@code maxMinutes} may be given again.
     */
    public static SupernetTrainer.Result resume(Path runDir, Double maxMinutes, TrainingListener listener) {
        return SupernetTrainer.resume(runDir, maxMinutes, listener);
    }

    /**
     * The file the run starts from, absolute: a run folder is resolved to its latest checkpoint now,
     * so the run records, and a run started again loads, this very file.
     */
    private static Path startWeights(Path weights) {
        return weights == null ? null : Checkpoints.resolve(weights).toAbsolutePath();
    }

    /** The trainer's settings of {@code request}: the task read off the data, a fine-tuned configuration read. */
    static TrainSettings settings(TrainRequest r) {
        ArchitectureSpec arch = ArchitectureSpec.preset(r.arch());
        SparsityConfig fixed = r.config() == null ? null : SparsityConfigJson.read(r.config(), arch);
        Resolution size = r.resolution();
        return new TrainSettings(r.arch(), r.data().resolvedTask(), r.data().dataset(), r.data().resolvedFormat(),
                r.data().options(r.seed(), size.height(), size.width()), size.height(), size.width(), r.batch(),
                r.steps(), r.maxMinutes(),
                r.learningRate(), r.minLearningRate(), Math.min(r.warmup(), r.steps()), r.weightDecay(), r.clip(),
                r.seed(), r.checkpointEvery(), fixed == null ? r.recipe() : SaaRecipe.PAPER, fixed == null ? r.granularity()
                : Granularity.PAIR, fixed, startWeights(r.weights()), r.decoderDim(), r.loaderThreads(),
                r.loss() == null ? SegmentationLoss.PLAIN : r.loss());
    }
}
