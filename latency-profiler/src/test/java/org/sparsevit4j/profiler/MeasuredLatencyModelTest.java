package org.sparsevit4j.profiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.supernet.model.SwinClassifier;

/** {@code search --latency measure}: each configuration measured once, kept, and read back by a resumed search. */
class MeasuredLatencyModelTest {

    @Test
    void measuresEachConfigurationOnceAndKeepsItForAResume(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(MeasuredLatencyModel.FILE);
        DeviceFingerprint here = DeviceFingerprint.current(Device.cpu());
        SparsityConfig dense = SparsityConfig.dense(LatencyBenchmarkTest.SMALL);
        SparsityConfig sparse = SparsityConfig.uniform(LatencyBenchmarkTest.SMALL, 0.8);
        try (NDManager manager = NDManager.newBaseManager();
                SwinClassifier model = new SwinClassifier(LatencyBenchmarkTest.SMALL)) {
            model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 112, 112));
            try (ForwardTimer timer = new ForwardTimer(model, manager, new InputShape(1, 112, 112))) {
                MeasuredLatencyModel first = new MeasuredLatencyModel(timer, MeasurementPlan.of(1, 3), here, file);
                double denseMs = first.latencyMs(dense);
                double sparseMs = first.latencyMs(sparse);
                assertEquals(denseMs, first.latencyMs(dense), 0, "a configuration is measured once");
                assertEquals(2, first.size());
                assertTrue(denseMs > 0 && sparseMs > 0);
                assertTrue(Files.readString(file).contains("sparsevit4j-latency-measurements"));

                MeasuredLatencyModel resumed = new MeasuredLatencyModel(timer, MeasurementPlan.of(1, 3), here, file);
                assertEquals(2, resumed.size());
                assertEquals(denseMs, resumed.latencyMs(dense), 0);
                assertEquals(sparseMs, resumed.latencyMs(sparse), 0);

                DeviceFingerprint elsewhere = new DeviceFingerprint("gpu", 0, "Other GPU", here.engine(),
                        here.engineVersion(), here.djlVersion(), here.intraOpThreads(), here.interOpThreads(),
                        here.java(), here.os(), here.cpuModel(), here.fastPaths());
                InvalidInputException e = assertThrows(InvalidInputException.class,
                        () -> new MeasuredLatencyModel(timer, MeasurementPlan.of(1, 3), elsewhere, file));
                assertTrue(e.getMessage().contains("another device"), e.getMessage());
                Files.writeString(file, "{\"format\": \"x\"}");
                assertThrows(InvalidInputException.class,
                        () -> new MeasuredLatencyModel(timer, MeasurementPlan.of(1, 3), here, file));
            }
        }
    }
}
