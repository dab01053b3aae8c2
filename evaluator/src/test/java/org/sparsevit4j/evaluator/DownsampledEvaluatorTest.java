package org.sparsevit4j.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.supernet.data.DatasetOptions;
import org.sparsevit4j.supernet.data.Datasets;
import org.sparsevit4j.supernet.data.SampleSource;
import org.sparsevit4j.supernet.data.Split;
import org.sparsevit4j.supernet.data.SyntheticKind;
import org.sparsevit4j.supernet.data.Task;
import org.sparsevit4j.supernet.train.LoadedModel;
import org.sparsevit4j.supernet.train.SegmentationLoss;
import org.sparsevit4j.supernet.train.SupernetTrainer;
import org.sparsevit4j.supernet.train.TrainSettings;
import org.sparsevit4j.supernet.train.TrainingListener;

class DownsampledEvaluatorTest {

    private static final DatasetOptions DATA = new DatasetOptions(5, 0.1, false, 64, 64, 30, 6, SyntheticKind.EASY);

    @TempDir
    static Path shared;

    private static Path run;

    @BeforeAll
    static void trainTenSteps() {
        run = shared.resolve("run");
        SupernetTrainer.train(new TrainSettings("swin_micro", Task.SEGMENTATION, null, DATA, 64, 64, 2, 10, 0, 1e-3,
                0, 0, 0.05, 1.0, 1, 10, false, Granularity.PAIR, null, null, 16, 1, SegmentationLoss.PLAIN), run,
                new TrainingListener() { });
    }

    @Test
    void atFullSizeItIsThePlainEvaluationAndSmallerInputsAreScoredOnTheFullLabels() {
        SampleSource source = Datasets.synthetic(Task.SEGMENTATION, DATA);
        try (NDManager manager = NDManager.newBaseManager(); LoadedModel model = LoadedModel.load(run, manager)) {
            SparsityConfig dense = SparsityConfig.dense(model.spec().arch());
            EvaluationResult plain = new SplitEvaluator(model, source, Split.VAL, 64, 64, 4, 1, ResultCache.inMemory(),
                    manager, SplitEvaluator.DEFAULT_MEMORY_BUDGET).evaluate(dense);
            DownsampledEvaluator downsampled = new DownsampledEvaluator(model, source, Split.VAL, 64, 64, 4, 1,
                    manager);
            EvaluationResult same = downsampled.evaluate(dense, 64, 64);
            assertEquals(plain.miou(), same.miou(), 1e-12);
            assertEquals(plain.pixelAccuracy(), same.pixelAccuracy(), 1e-12);

            // the confusion matrix refuses predictions of another size than the labels, so this scored 64x64 labels
            EvaluationResult small = downsampled.evaluate(dense, 32, 32);
            assertEquals(6, small.images());
            assertTrue(small.miou() >= 0 && small.miou() <= 1 && small.pixelAccuracy() > 0, small.toString());
        }
    }
}
