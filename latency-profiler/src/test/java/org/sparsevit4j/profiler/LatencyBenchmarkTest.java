package org.sparsevit4j.profiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.supernet.model.SwinClassifier;

class LatencyBenchmarkTest {

    private static final ArchitectureSpec SMALL = new ArchitectureSpec("small", 4, 3, 16, List.of(2, 2), List.of(1, 2),
            7, 4.0, 5);

    @Test
    void reportsEveryConfigurationWithItsMacFractionAndTheBaselineAtOne() {
        try (NDManager manager = NDManager.newBaseManager(); SwinClassifier model = new SwinClassifier(SMALL)) {
            model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 112, 112));
            List<String> progress = new ArrayList<>();
            List<LatencyResult> rows = LatencyBenchmark.run(model, manager, List.of(
                    new LatencyBenchmark.Entry("dense", SparsityConfig.dense(SMALL)),
                    new LatencyBenchmark.Entry("uniform 0.8", SparsityConfig.uniform(SMALL, 0.8))),
                    new LatencyBenchmark.Settings(1, 112, 112, 1, 3), progress::add);
            assertEquals(2, rows.size());
            assertEquals(1.0, rows.get(0).latencyFraction(), 1e-12);
            assertEquals(1.0, rows.get(0).macFraction(), 1e-12);
            LatencyResult sparse = rows.get(1);
            assertTrue(sparse.macFraction() < 0.5, "mac fraction " + sparse.macFraction());
            assertTrue(sparse.minMs() <= sparse.medianMs() && sparse.medianMs() <= sparse.maxMs());
            assertEquals(3, sparse.runs());
            assertEquals(List.of("round 1/3", "round 2/3", "round 3/3"), progress);
        }
    }

    @Test
    void quantilesInterpolateLikeNumpy() {
        double[] sorted = {1, 2, 3, 4};
        assertEquals(2.5, LatencyBenchmark.median(sorted), 1e-12);
        assertEquals(1.75, LatencyBenchmark.quantile(sorted, 0.25), 1e-12);
        assertEquals(4.0, LatencyBenchmark.quantile(sorted, 1.0), 1e-12);
    }

    @Test
    void settingsRejectImpossibleCounts() {
        assertThrows(InvalidInputException.class, () -> new LatencyBenchmark.Settings(0, 224, 224, 1, 10));
        assertThrows(InvalidInputException.class, () -> new LatencyBenchmark.Settings(1, 224, 224, 1, 0));
    }
}
