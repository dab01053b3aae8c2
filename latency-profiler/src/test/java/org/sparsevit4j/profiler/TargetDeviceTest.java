package org.sparsevit4j.profiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.sparsevit4j.core.InvalidInputException;

class TargetDeviceTest {

    @Test
    void parsesCpuAndRejectsOtherForms() {
        assertEquals(Device.cpu(), TargetDevice.parse("cpu"));
        assertEquals(Device.cpu(), TargetDevice.parse(" CPU "));
        for (String bad : new String[] {"tpu", "gpu:x", "cpu:1", "gpu:-1", ""}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> TargetDevice.parse(bad));
            assertTrue(e.getMessage().contains("cpu, gpu, gpu:N"), e.getMessage());
        }
    }

    @Test
    void aGpuTheEngineCannotSeeIsRefusedWithTheCount() {
        int gpus = Engine.getEngine("PyTorch").getGpuCount();
        Assumptions.assumeTrue(gpus == 0, "this machine has a GPU");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TargetDevice.parse("gpu"));
        assertTrue(e.getMessage().contains("sees 0 GPUs"), e.getMessage());
    }

    @Test
    void theFingerprintNamesThisMachine() {
        DeviceFingerprint f = DeviceFingerprint.current(Device.cpu());
        assertEquals("cpu", f.deviceType());
        assertEquals("PyTorch", f.engine());
        assertEquals("2.7.1", f.engineVersion());
        assertTrue(f.intraOpThreads() >= 1);
        assertEquals(f.cpuModel(), f.deviceName());
        assertTrue(f.differences(f).isEmpty());
    }
}
