package org.sparsevit4j.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.supernet.checkpoint.SaaRecipe;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.supernet.data.DatasetOptions;
import org.sparsevit4j.supernet.data.Datasets;
import org.sparsevit4j.supernet.data.SampleSource;
import org.sparsevit4j.supernet.data.Split;
import org.sparsevit4j.supernet.data.Task;
import org.sparsevit4j.supernet.checkpoint.LoadedModel;
import org.sparsevit4j.supernet.checkpoint.SegmentationLoss;
import org.sparsevit4j.supernet.train.SupernetTrainer;
import org.sparsevit4j.supernet.checkpoint.TrainSettings;
import org.sparsevit4j.supernet.train.TrainingListener;

class SplitEvaluatorTest {

    private static final DatasetOptions DATA = new DatasetOptions(5, 0.1, false, 64, 64, 30, 6);

    @TempDir
    static Path shared;

    private static Path run;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainOneStep() {
        run = shared.resolve("run");
        SupernetTrainer.train(new TrainSettings("swin_micro", Task.SEGMENTATION, null, null, DATA, 64, 64, 2, 1, 0,
                1e-3, 0, 0, 0.05, 1.0, 1, 1, SaaRecipe.PAPER, Granularity.PAIR, null, null, 16, 1, SegmentationLoss.PLAIN), run,
                new TrainingListener() { });
    }

    private static SplitEvaluator evaluator(LoadedModel model, SampleSource source, ResultCache cache, NDManager m) {
        return new SplitEvaluator(model, source, Split.VAL, 64, 64, 4, 1, cache, m, SplitEvaluator.DEFAULT_MEMORY_BUDGET);
    }

    @Test
    void resultsAreCachedWithinAndAcrossRuns() throws Exception {
        SampleSource source = Datasets.synthetic(Task.SEGMENTATION, DATA);
        try (NDManager manager = NDManager.newBaseManager(); LoadedModel model = LoadedModel.load(run, manager)) {
            SparsityConfig half = SparsityConfig.uniform(model.spec().arch(), 0.5);
            Path cacheDir = dir.resolve("cache");
            ResultCache cache = ResultCache.open(cacheDir, "key");
            SplitEvaluator evaluator = evaluator(model, source, cache, manager);
            EvaluationResult first = evaluator.evaluate(half);
            assertFalse(first.cached());
            assertEquals(6, first.images());
            assertTrue(first.miou() >= 0 && first.miou() <= 1);
            assertTrue(first.pixelAccuracy() >= 0 && first.pixelAccuracy() <= 1);
            assertTrue(Double.isNaN(first.top1()));
            assertTrue(evaluator.evaluate(half).cached());

            // a later run with the same key finds it; a line cut short by a crash is skipped
            Files.writeString(cache.file(), "{\"ratios\": [[0.1", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            ResultCache reopened = ResultCache.open(cacheDir, "key");
            EvaluationResult again = evaluator(model, source, reopened, manager).evaluate(half);
            assertTrue(again.cached());
            assertEquals(first.miou(), again.miou(), 0);
            assertEquals(first.pixelAccuracy(), again.pixelAccuracy(), 0);

            // another key does not
            assertFalse(evaluator(model, source, ResultCache.open(cacheDir, "other"), manager).isCached(half));
        }
    }

    @Test
    void sparsityChangesTheResultAndTheSameConfigGivesTheSameResult() {
        SampleSource source = Datasets.synthetic(Task.SEGMENTATION, DATA);
        try (NDManager manager = NDManager.newBaseManager(); LoadedModel model = LoadedModel.load(run, manager)) {
            SplitEvaluator a = evaluator(model, source, ResultCache.inMemory(), manager);
            SplitEvaluator b = evaluator(model, source, ResultCache.inMemory(), manager);
            SparsityConfig sparse = SparsityConfig.uniform(model.spec().arch(), 0.8);
            EvaluationResult dense = a.evaluate(SparsityConfig.dense(model.spec().arch()));
            EvaluationResult sparseA = a.evaluate(sparse);
            EvaluationResult sparseB = b.evaluate(sparse);
            assertEquals(sparseA.miou(), sparseB.miou(), 0);
            assertTrue(dense.pixelAccuracy() != sparseA.pixelAccuracy() || dense.miou() != sparseA.miou(),
                    "80% sparsity changed nothing");
        }
    }

    @Test
    void aSmallerEvaluationResolutionIsScoredAtTheLabelsResolutionWithEveryClassesIou() throws Exception {
        SampleSource source = Datasets.synthetic(Task.SEGMENTATION, DATA); // labels of 64x64
        try (NDManager manager = NDManager.newBaseManager(); LoadedModel model = LoadedModel.load(run, manager)) {
            Path cacheDir = dir.resolve("cache");
            SplitEvaluator at32 = new SplitEvaluator(model, source, Split.VAL, 32, 32, 4, 1,
                    ResultCache.open(cacheDir, "key"), manager, SplitEvaluator.DEFAULT_MEMORY_BUDGET);
            EvaluationResult r = at32.evaluate(SparsityConfig.dense(model.spec().arch()));
            assertEquals(source.numClasses(), r.classIou().size());
            double sum = 0;
            int defined = 0;
            for (double iou : r.classIou()) {
                if (!Double.isNaN(iou)) {
                    assertTrue(iou >= 0 && iou <= 1, r.classIou().toString());
                    sum += iou;
                    defined++;
                }
            }
            assertEquals(sum / defined, r.miou(), 1e-12, "mIoU is the mean of the defined class IoUs");
            EvaluationResult again = new SplitEvaluator(model, source, Split.VAL, 32, 32, 4, 1,
                    ResultCache.open(cacheDir, "key"), manager, SplitEvaluator.DEFAULT_MEMORY_BUDGET)
                    .evaluate(SparsityConfig.dense(model.spec().arch()));
            assertTrue(again.cached());
            assertEquals(r.classIou(), again.classIou(), "per-class IoU, NaN included, survives the cache file");
        }
    }

    @Test
    void keptBatchesAreScoredAlikeAndABudgetTooSmallStreams() {
        SampleSource source = Datasets.synthetic(Task.SEGMENTATION, DATA);
        try (NDManager manager = NDManager.newBaseManager(); LoadedModel model = LoadedModel.load(run, manager)) {
            SparsityConfig half = SparsityConfig.uniform(model.spec().arch(), 0.5);
            SplitEvaluator kept = evaluator(model, source, ResultCache.inMemory(), manager);
            SplitEvaluator streamed = new SplitEvaluator(model, source, Split.VAL, 64, 64, 4, 1, ResultCache.inMemory(),
                    manager, 1);
            kept.evaluate(SparsityConfig.dense(model.spec().arch()));
            streamed.evaluate(SparsityConfig.dense(model.spec().arch()));
            assertEquals(kept.evaluate(half).classIou(), streamed.evaluate(half).classIou());
        }
    }

    @Test
    void aDatasetOfAnotherTaskOrClassCountIsRejected() {
        SampleSource classification = Datasets.synthetic(Task.CLASSIFICATION, DATA);
        try (NDManager manager = NDManager.newBaseManager(); LoadedModel model = LoadedModel.load(run, manager)) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> evaluator(model, classification, ResultCache.inMemory(), manager));
            assertTrue(e.getMessage().contains("segmentation"), e.getMessage());
        }
    }
}
