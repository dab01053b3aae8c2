package org.sparsevit4j.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparsevit4j.core.InvalidInputException;

/** {@code --devices} as the issue spells it: cpu, cpu*2, gpu:0,gpu:1, gpu:all, and what is refused in one line. */
class DeviceListTest {

    @BeforeAll
    static void engine() {
        Engines.start(1);
    }

    @Test
    void cpuReplicasShareTheCoresUnlessThreadsAreGiven() {
        assertEquals(List.of(Device.cpu()), new DeviceList("cpu", null).resolve());
        List<Device> two = new DeviceList("cpu*2", null).resolve();
        assertEquals(List.of(Device.cpu(), Device.cpu()), two);
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(Math.max(1, cores / 2), new DeviceList("cpu*2", null).threadsPerCpuReplica(two));
        assertEquals(1, new DeviceList("cpu*2", 1).threadsPerCpuReplica(two));
        assertNull(new DeviceList("cpu", null).threadsPerCpuReplica(List.of(Device.cpu())),
                "one replica keeps the engine's setting");
        assertEquals(List.of(Device.cpu(), Device.cpu(), Device.cpu()), new DeviceList(" CPU*3 ", null).resolve());
    }

    @Test
    void gpusAreTheOnesTheEngineSees() {
        int gpus = Engine.getEngine("PyTorch").getGpuCount();
        for (String text : List.of("gpu:0,gpu:1", "gpu:all", "gpu", "gpu:0*2")) {
            DeviceList list = new DeviceList(text, null);
            List<Device> expected = new ArrayList<>();
            boolean fits = switch (text) {
                case "gpu:0,gpu:1" -> gpus >= 2;
                default -> gpus >= 1;
            };
            if (!fits) {
                InvalidInputException e = assertThrows(InvalidInputException.class, list::resolve, text);
                assertTrue(e.getMessage().startsWith("--devices " + text + ": the engine sees " + gpus + " GPU"),
                        e.getMessage());
                continue;
            }
            switch (text) {
                case "gpu:0,gpu:1" -> expected.addAll(List.of(Device.gpu(0), Device.gpu(1)));
                case "gpu:all" -> {
                    for (int id = 0; id < gpus; id++) {
                        expected.add(Device.gpu(id));
                    }
                }
                case "gpu" -> expected.add(Device.gpu(0));
                default -> expected.addAll(List.of(Device.gpu(0), Device.gpu(0)));
            }
            assertEquals(expected, list.resolve(), text);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                | --devices is empty",
        "tpu               | \"tpu\" is not cpu, cpu*N, gpu, gpu:N, gpu:all or gpu:N*K",
        "cpu:1             | \"cpu:1\" is not cpu",
        "cpu*0             | 0 replicas on one device; give 1 to 64",
        "gpu:0,cpu         | mixes the CPU and GPUs",
        "gpu:0,gpu:0       | gpu:0 is named twice",
        "gpu:all,gpu:1     | gpu:1 is named twice or within gpu:all",
        "cpu,cpu           | cpu is named twice or within gpu:all; write cpu*N",
        "gpu:99999999999   | 99999999999 is too large"})
    void aBadListIsOneLineNamingIt(String text, String mentions) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new DeviceList(text, null));
        assertTrue(e.getMessage().contains(mentions), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
