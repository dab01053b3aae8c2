package org.sparsevit4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.app.CacheSpec;
import org.sparsevit4j.app.DataSpec;
import org.sparsevit4j.app.ModelSession;
import org.sparsevit4j.app.Progress;
import org.sparsevit4j.app.SessionSpec;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.evaluator.EvaluationResult;
import org.sparsevit4j.supernet.data.DatasetFormat;
import org.sparsevit4j.supernet.data.DatasetTrees;
import org.sparsevit4j.supernet.data.Split;
import org.sparsevit4j.supernet.model.Precision;

/** The checkpoint and the dataset folder it was trained on reach the executors through SparkFiles. */
class SparkFilesTest {

    /** Where the tasks found the checkpoint and the dataset (the tasks run in this JVM). */
    private static final Set<String> READ = ConcurrentHashMap.newKeySet();

    @TempDir
    Path dir;

    @Test
    void executorsReadTheShippedCopiesAndGetTheLocalMetrics() {
        Path data = DatasetTrees.voc(dir.resolve("voc"));
        Path supernet = TinySupernet.train(dir.resolve("supernet"), data, DatasetFormat.VOC);
        List<SparsityConfig> configs;
        double[] expected;
        try (ModelSession local = open(supernet)) {
            ArchitectureSpec arch = local.model().spec().arch();
            configs = List.of(SparsityConfig.uniform(arch, 0.7), SparsityConfig.dense(arch),
                    SparsityConfig.uniform(arch, 0.3));
            expected = configs.stream().mapToDouble(c -> local.evaluator().evaluate(c).metric()).toArray();
        }
        ConfigTask recording = (spec, config) -> {
            Path shipped = Path.of(SparkFiles.getRootDirectory());
            READ.add("checkpoint " + (ExecutorModels.checkpoint(spec).startsWith(shipped) ? "shipped" : "shared"));
            READ.add("dataset " + (ExecutorModels.datasetFolder(spec).startsWith(shipped) ? "shipped" : "shared"));
            return ExecutorModels.evaluate(spec, config);
        };
        READ.clear();
        SparkEvaluation spark = new SparkEvaluation(new JavaSparkContext(SparkEvaluation.conf("local[2]")
                .set(SparkEvaluation.SHIP, "checkpoint,dataset")), recording);
        try (spark; ModelSession driver = open(supernet)) {
            // no --dataset: the checkpoint's own folder, which the spec names so that it can be shipped
            SessionSpec spec = driver.spec();
            assertEquals(data.toAbsolutePath(), spec.data().dataset());
            assertArrayEquals(expected, spark.open(driver, Progress.SILENT).evaluateAll(configs, r -> { }).stream()
                    .mapToDouble(EvaluationResult::metric).toArray(), 0.0);
        }
        assertEquals(Set.of("checkpoint shipped", "dataset shipped"), READ);
    }

    /** The checkpoint on the val split of the folder it was trained on. */
    private static ModelSession open(Path supernet) {
        return ModelSession.open(supernet, DataSpec.builtIn(), Split.VAL, null, 2, 1, new CacheSpec(null, true),
                Precision.F32);
    }
}
