package org.sparsevit4j.evaluator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.supernet.checkpoint.SaaRecipe;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.supernet.data.Batch;
import org.sparsevit4j.supernet.data.BatchLoader;
import org.sparsevit4j.supernet.data.DatasetOptions;
import org.sparsevit4j.supernet.data.Datasets;
import org.sparsevit4j.supernet.data.SampleSource;
import org.sparsevit4j.supernet.data.Split;
import org.sparsevit4j.supernet.data.Task;
import org.sparsevit4j.supernet.data.Transform;
import org.sparsevit4j.supernet.checkpoint.LoadedModel;
import org.sparsevit4j.supernet.checkpoint.SegmentationLoss;
import org.sparsevit4j.supernet.train.SupernetTrainer;
import org.sparsevit4j.supernet.checkpoint.TrainSettings;
import org.sparsevit4j.supernet.train.TrainingListener;

/**
 * Sparsity-aware adaptation learns: a small Swin trained briefly on the built-in sparse scenes
 * segments them far better than predicting background everywhere, dense and at 50% sparsity.
 * (The closing figures come from the 3-minute run at 224x224; this is the same at a smaller
 * budget.)
 */
class SaaLearningTest {

    private static final int SIDE = 112;

    @TempDir
    Path dir;

    @Test
    void aBrieflyTrainedSupernetBeatsTheAllBackgroundBaselineDenseAndHalfSparse() {
        DatasetOptions data = new DatasetOptions(4, 0.1, false, SIDE, SIDE, 600, 48);
        TrainSettings settings = new TrainSettings("swin_micro", Task.SEGMENTATION, null, null, data, SIDE, SIDE, 8,
                160, 0, 1e-3, 1e-5, 20, 0.05, 1.0, 4, 1000, SaaRecipe.PAPER, Granularity.PAIR, null, null, 64, 1, SegmentationLoss.PLAIN);
        SupernetTrainer.train(settings, dir, new TrainingListener() { });
        SampleSource source = Datasets.synthetic(Task.SEGMENTATION, data);
        double baseline = allBackgroundMiou(source);
        try (NDManager manager = NDManager.newBaseManager(); LoadedModel model = LoadedModel.load(dir, manager)) {
            SplitEvaluator evaluator = new SplitEvaluator(model, source, Split.VAL, SIDE, SIDE, 8, 1,
                    ResultCache.inMemory(), manager, SplitEvaluator.DEFAULT_MEMORY_BUDGET);
            double dense = evaluator.evaluate(SparsityConfig.dense(model.spec().arch())).miou();
            double half = evaluator.evaluate(SparsityConfig.uniform(model.spec().arch(), 0.5)).miou();
            String figures = String.format(Locale.ROOT, "all-background %.3f, dense %.3f, 50%% %.3f", baseline, dense,
                    half);
            assertTrue(dense > baseline + 0.15, figures);
            assertTrue(half > baseline + 0.10, figures);
        }
    }

    /** mIoU of predicting background (class 0) for every pixel of the val split. */
    private static double allBackgroundMiou(SampleSource source) {
        ConfusionMatrix m = new ConfusionMatrix(source.numClasses(), source.ignoreIndex());
        try (BatchLoader loader = BatchLoader.eval(source, Split.VAL, Transform.eval(SIDE, SIDE), 8, 1)) {
            for (Batch b : loader) {
                m.add(new int[b.masks().length], b.masks());
            }
        }
        return m.meanIou();
    }
}
