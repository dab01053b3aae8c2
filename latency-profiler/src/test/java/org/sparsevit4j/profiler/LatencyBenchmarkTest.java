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

    static final ArchitectureSpec SMALL = new ArchitectureSpec("small", 4, 3, 16, List.of(2, 2), List.of(1, 2),
            7, 4.0, 5);

    @Test
    void reportsEveryConfigurationWithItsMacFractionAndTheBaselineAtOne() {
        try (NDManager manager = NDManager.newBaseManager(); SwinClassifier model = new SwinClassifier(SMALL)) {
            model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 112, 112));
            List<String> progress = new ArrayList<>();
            List<LatencyResult> rows;
            try (ForwardTimer timer = new ForwardTimer(model, manager, new InputShape(1, 112, 112))) {
                rows = LatencyBenchmark.run(timer, List.of(
                        new LatencyBenchmark.Entry("dense", SparsityConfig.dense(SMALL)),
                        new LatencyBenchmark.Entry("uniform 0.8", SparsityConfig.uniform(SMALL, 0.8))),
                        new MeasurementPlan(1, 3, 100, 0), progress::add);
            }
            assertEquals(2, rows.size());
            assertEquals(1.0, rows.get(0).latencyFraction(), 1e-12);
            assertEquals(1.0, rows.get(0).macFraction(), 1e-12);
            LatencyResult sparse = rows.get(1);
            assertTrue(sparse.macFraction() < 0.5, "mac fraction " + sparse.macFraction());
            LatencySummary s = sparse.latency();
            assertTrue(s.minMs() <= s.medianMs() && s.medianMs() <= s.maxMs());
            assertEquals(3, s.n());
            assertEquals(List.of("round 1/3", "round 2/3", "round 3/3"), progress);
        }
    }

    @Test
    void plansRejectImpossibleCounts() {
        assertThrows(InvalidInputException.class, () -> new InputShape(0, 224, 224));
        assertThrows(InvalidInputException.class, () -> MeasurementPlan.of(1, 0));
        assertThrows(InvalidInputException.class, () -> MeasurementPlan.of(-1, 10));
        assertThrows(InvalidInputException.class, () -> new MeasurementPlan(1, 10, 0, 1));
    }
}
