package org.sparsevit4j.evaluator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
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
 * Evaluation throughput against the bare forward pass over the same images (swin_micro,
 * segmentation, 224x224, 96 validation images, batch 8): the evaluator's overhead (decoding,
 * argmax, confusion matrix) must stay within 10%. Run with
 * {@code mvn -B -pl evaluator -am test -Dtest=EvaluationThroughputBenchmark -Dsparsevit.excludedGroups=none
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class EvaluationThroughputBenchmark {

    @TempDir
    Path dir;

    @Test
    void evaluationRunsWithinTenPercentOfTheBareForwardPass() {
        DatasetOptions data = new DatasetOptions(1, 0.1, false, 224, 224, 40, 96);
        SupernetTrainer.train(new TrainSettings("swin_micro", Task.SEGMENTATION, null, null, data, 224, 224, 2, 1, 0,
                1e-4, 0, 0, 0.05, 1.0, 1, 1, SaaRecipe.PAPER, Granularity.PAIR, null, null, 128, 1, SegmentationLoss.PLAIN), dir,
                new TrainingListener() { });
        SampleSource source = Datasets.synthetic(Task.SEGMENTATION, data);
        try (NDManager manager = NDManager.newBaseManager(); LoadedModel model = LoadedModel.load(dir, manager)) {
            List<SparsityConfig> configs = List.of(SparsityConfig.dense(model.spec().arch()),
                    SparsityConfig.uniform(model.spec().arch(), 0.5));
            List<Batch> batches = new ArrayList<>();
            try (BatchLoader loader = BatchLoader.eval(source, Split.VAL, Transform.eval(224, 224), 8, 1)) {
                loader.forEach(batches::add);
            }
            forward(model, manager, batches, configs.get(0)); // warm-up
            SplitEvaluator evaluator = new SplitEvaluator(model, source, Split.VAL, 224, 224, 8, 1,
                    ResultCache.inMemory(), manager, SplitEvaluator.DEFAULT_MEMORY_BUDGET);
            for (SparsityConfig config : configs) {
                double bare = forward(model, manager, batches, config);
                double evaluated = evaluator.evaluate(config).seconds();
                double bareRate = 96 / bare;
                double evalRate = 96 / evaluated;
                System.out.printf(Locale.ROOT, "%s: bare forward %.1f img/s, evaluation %.1f img/s (%.1f%% slower)%n",
                        config.compact(), bareRate, evalRate, 100 * (1 - evalRate / bareRate));
                assertTrue(evalRate >= 0.9 * bareRate, "evaluation is more than 10% slower than the forward pass");
            }
        }
    }

    private static double forward(LoadedModel model, NDManager manager, List<Batch> batches, SparsityConfig config) {
        long start = System.nanoTime();
        for (Batch b : batches) {
            try (NDManager scope = manager.newSubManager()) {
                NDArray images = scope.create(b.images(), new Shape(b.size(), 3, b.height(), b.width()));
                model.model().logits(new ParameterStore(scope, false), images, config, false).toFloatArray();
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
