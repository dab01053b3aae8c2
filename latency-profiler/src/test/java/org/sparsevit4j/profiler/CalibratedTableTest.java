package org.sparsevit4j.profiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.supernet.model.SwinClassifier;

/** Re-anchoring a latency table to the process that uses it. */
class CalibratedTableTest {

    @Test
    void theScaleMinimisesTheRelativeErrorOfTheAnchors() {
        // every anchor measured 10% above the table: the scale is 1.1 exactly
        List<LatencyTable.Check> uniform = List.of(new LatencyTable.Check(0.0, 11, 10, false),
                new LatencyTable.Check(0.4, 8.8, 8, false), new LatencyTable.Check(0.8, 4.4, 4, false));
        assertEquals(1.1, CalibratedTable.fit(uniform), 1e-12);
        // q = p/m = 1, 0.5: s = (1 + 0.5) / (1 + 0.25) = 1.2, between the two anchors' own factors 1 and 2
        List<LatencyTable.Check> mixed = List.of(new LatencyTable.Check(0.0, 10, 10, false),
                new LatencyTable.Check(0.8, 4, 2, false));
        assertEquals(1.2, CalibratedTable.fit(mixed), 1e-12);
    }

    @Test
    void aTableReAnchoredInTheProcessThatBuiltItKeepsItsLevel() {
        try (NDManager manager = NDManager.newBaseManager();
                SwinClassifier model = new SwinClassifier(LatencyBenchmarkTest.SMALL)) {
            model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 112, 112));
            try (ForwardTimer timer = new ForwardTimer(model, manager, new InputShape(1, 112, 112))) {
                LatencyTable table = LatencyTableBuilder.build(timer, new MeasurementPlan(1, 3, 100, 0), 2,
                        DeviceFingerprint.current(Device.cpu()), line -> { });
                CalibratedTable anchored = CalibratedTable.anchor(table, timer, new MeasurementPlan(1, 5, 100, 0));
                // the same process, a moment later: the level moves by timing noise only. Passes of a few ms on
                // a loaded 2-core machine were seen 4x apart, so the bound only catches a wrong scale (a
                // table of another model, or a sum in the wrong unit), not noise
                assertTrue(anchored.scale() > 0.1 && anchored.scale() < 10, "scale " + anchored.scale());
                assertTrue(anchored.driftFromBuild() > 0.1 && anchored.driftFromBuild() < 10,
                        "drift " + anchored.driftFromBuild());
                SparsityConfig c = SparsityConfig.uniform(LatencyBenchmarkTest.SMALL, 0.5);
                assertEquals(anchored.scale() * table.latencyMs(c), anchored.latencyMs(c), 1e-9);
                assertTrue(anchored.description().contains("re-anchored x"), anchored.description());
                CalibratedTable restored = CalibratedTable.of(table, anchored.anchors());
                assertEquals(anchored.scale(), restored.scale(), 0, "a resumed search predicts what it did");
                assertEquals(1.0, CalibratedTable.unanchored(table).scale());
            }
        }
    }
}
