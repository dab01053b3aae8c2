package org.sparsevit4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.app.CacheSpec;
import org.sparsevit4j.app.DataSpec;
import org.sparsevit4j.app.EvaluationService;
import org.sparsevit4j.app.ModelSession;
import org.sparsevit4j.app.Progress;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.MachineFailureException;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.evaluator.EvaluationResult;
import org.sparsevit4j.supernet.data.Split;
import org.sparsevit4j.supernet.model.Precision;
import org.sparsevit4j.supernet.checkpoint.Checkpoints;

/** A generation evaluated on a local Spark master, against the same generation evaluated here. */
class SparkEvaluationTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path supernet;
    private static SparkEvaluation spark;
    /** Models the executors of this JVM had loaded before this class (other tests' contexts, closed since). */
    private static int loadedBefore;

    /** Attempts of each configuration index (the tasks run in this JVM: the master is local). */
    private static final Map<Integer, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        supernet = TinySupernet.train(shared.resolve("supernet"));
        spark = SparkEvaluation.start("local[2]", Progress.SILENT);
        loadedBefore = ExecutorModels.loads();
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    private static ModelSession session() {
        return ModelSession.open(supernet, DataSpec.builtIn(), Split.SEARCH, null, 2, 1, new CacheSpec(null, true),
                Precision.F32);
    }

    /** Six configurations of swin_micro, each different. */
    private static List<SparsityConfig> generation() {
        ArchitectureSpec arch = ArchitectureSpec.preset("swin_micro");
        List<SparsityConfig> configs = new ArrayList<>();
        for (double ratio : new double[] {0.0, 0.8, 0.2, 0.6, 0.4}) {
            configs.add(SparsityConfig.uniform(arch, ratio));
        }
        configs.add(SparsityConfig.ofLevels(new int[][] {{3, 5}, {0, 8}, {2, 7}, {4, 4}}));
        return configs;
    }

    private static double[] metrics(List<EvaluationResult> results) {
        return results.stream().mapToDouble(EvaluationResult::metric).toArray();
    }

    private static double[] locally(List<SparsityConfig> configs) {
        try (ModelSession local = session()) {
            return configs.stream().mapToDouble(c -> local.evaluator().evaluate(c).metric()).toArray();
        }
    }

    @Test
    void aGenerationOnSparkHasTheLocalMetricsInOrderAndLeavesThemInTheDriversCache() {
        List<SparsityConfig> configs = generation();
        double[] expected = locally(configs);
        try (ModelSession driver = session()) {
            List<EvaluationResult> seen = new ArrayList<>();
            EvaluationService service = spark.open(driver, Progress.SILENT);
            double[] metrics = metrics(service.evaluateAll(configs, seen::add));
            assertArrayEquals(expected, metrics, 0.0, "bit for bit the local evaluator's, in the order given");
            assertEquals(configs, seen.stream().map(EvaluationResult::config).toList());
            assertTrue(seen.stream().noneMatch(EvaluationResult::cached), "computed by the executors");
            configs.forEach(c -> assertTrue(driver.evaluator().isCached(c), "kept by the driver"));
            assertEquals(spark.description(), service.description());

            // the next generation: known ones come from the driver's cache, the new one from an executor,
            // which loads no model again
            int loaded = ExecutorModels.loads() - loadedBefore;
            assertTrue(loaded >= 1 && loaded <= 2, "one model per task slot at most, in all, loaded " + loaded);
            SparsityConfig fresh = SparsityConfig.ofLevels(new int[][] {{1, 2}, {3, 3}, {0, 5}, {0, 2}});
            seen.clear();
            double[] next = metrics(service.evaluateAll(List.of(configs.get(3), fresh, configs.get(0)), seen::add));
            assertEquals(expected[3], next[0], 0.0);
            assertEquals(expected[0], next[2], 0.0);
            assertEquals(locally(List.of(fresh))[0], next[1], 0.0);
            assertEquals(List.of(true, false, true), seen.stream().map(EvaluationResult::cached).toList());
            assertEquals(loaded, ExecutorModels.loads() - loadedBefore, "models are kept across generations");
        }
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndTheResultIsUnchanged() {
        List<SparsityConfig> configs = generation().subList(0, 4);
        double[] expected = locally(configs);
        ATTEMPTS.clear();
        ConfigTask failingOnce = (spec, config) -> {
            int attempt = ATTEMPTS.computeIfAbsent(config.index(), i -> new AtomicInteger()).getAndIncrement();
            if (config.index() == 2 && TaskContext.get().attemptNumber() == 0) {
                throw new IllegalStateException("injected failure of attempt " + attempt);
            }
            return ExecutorModels.evaluate(spec, config);
        };
        SparkEvaluation flaky = new SparkEvaluation(spark.context(), failingOnce);
        try (ModelSession driver = session()) {
            double[] metrics = metrics(flaky.open(driver, Progress.SILENT).evaluateAll(configs, r -> { }));
            assertArrayEquals(expected, metrics, 0.0);
        }
        assertEquals(2, ATTEMPTS.get(2).get(), "the failed task ran again");
        assertEquals(1, ATTEMPTS.get(0).get(), "the others once (no speculation)");
        assertEquals(1, ATTEMPTS.get(3).get());
    }

    @Test
    void executorsRefuseACheckpointThatChangedSinceTheDriverHashedItInOneLine() throws Exception {
        Path checkpoint = Files.copy(Checkpoints.resolve(supernet), dir.resolve("checkpoint.safetensors"));
        // batch 3: settings no executor has loaded a model for (one loaded before was checked when it loaded)
        try (ModelSession driver = ModelSession.open(checkpoint, DataSpec.builtIn(), Split.SEARCH, null, 3, 1,
                new CacheSpec(null, true), Precision.F32)) {
            // shipped nothing: the executors read the driver's path, where the file is now another
            Files.write(checkpoint, new byte[] {0}, StandardOpenOption.APPEND);
            EvaluationService service = new SparkEvaluation(spark.context(), ConfigTask.EVALUATE,
                    SparkEvaluation.ship("none")).open(driver, Progress.SILENT);
            MachineFailureException e = assertThrows(MachineFailureException.class,
                    () -> service.evaluateAll(generation().subList(4, 6), r -> { }));
            assertTrue(e.getMessage().contains(checkpoint + " on this executor has SHA-256 ")
                    && e.getMessage().contains("the driver recorded " + driver.weightsSha256()), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertFalse(driver.evaluator().isCached(generation().get(4)));
        }
    }

    @Test
    void aLocalMasterRetriesLikeAClusterAndSpeculationStaysOff() {
        assertEquals("local[2,4]", SparkEvaluation.conf("local[2]").get("spark.master"));
        assertEquals("local[*,4]", SparkEvaluation.conf("local[*]").get("spark.master"));
        assertEquals("spark://h:7077", SparkEvaluation.conf("spark://h:7077").get("spark.master"));
        assertEquals("false", SparkEvaluation.conf("local[2]").get("spark.speculation"));
        assertTrue(spark.description().startsWith("Spark 4."), spark.description());
        assertTrue(spark.description().contains("local[2,4]"), spark.description());
    }
}
