package org.sparsevit4j.supernet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.SparsityConfig;

/**
 * 200 forward passes, dense and sparse at two input sizes, keep the process's resident memory
 * flat: every intermediate array lives in a per-pass scope, the model's own manager is capped (an
 * array attached to it by mistake fails at once), and the layout cache holds the same arrays at
 * the end as after warm-up.
 *
 * <p>Resident memory is compared as medians of a window after warm-up and of the last passes,
 * because malloc keeps and returns freed blocks in bursts. The Java heap is fixed and pre-touched
 * in this module's surefire configuration, so heap growth does not show up as resident growth.
 */
class NativeMemoryTest {

    private static final int PASSES = 200;
    private static final int WINDOW = 40;
    /**
     * Allowed difference of the medians: about twice the burst size seen here. A leak of even 1%
     * of one pass's arrays (~0.3 MiB) over the 120 passes between the windows exceeds it.
     */
    private static final long SLACK_BYTES = 32L << 20;

    @Test
    void residentMemoryStaysFlatOver200Forwards() throws IOException {
        ArchitectureSpec micro = new ArchitectureSpec("micro", 4, 3, 32, List.of(2, 2, 4, 2), List.of(2, 4, 8, 16), 7,
                4.0, 10);
        List<SparsityConfig> configs = List.of(SparsityConfig.dense(micro), SparsityConfig.uniform(micro, 0.5),
                SparsityConfig.ofRatios(List.of(List.of(0.0, 0.5), List.of(0.1, 0.2), List.of(0.1, 0.1, 0.4, 0.8),
                        List.of(0.0, 0.3))));
        int[][] sizes = {{224, 224}, {256, 192}};
        try (NDManager manager = NDManager.newBaseManager(); SwinClassifier model = new SwinClassifier(micro)) {
            model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 224, 224));
            manager.cap();
            long[] resident = new long[PASSES];
            int cachedAfterWarmUp = -1;
            for (int i = 0; i < PASSES; i++) {
                int[] size = sizes[i % sizes.length];
                try (NDManager pass = NDManager.newBaseManager()) {
                    var images = pass.randomNormal(new Shape(2, 3, size[0], size[1]));
                    model.classify(new ParameterStore(pass, false), images, configs.get(i % configs.size()), false)
                            .get(0).toFloatArray();
                }
                resident[i] = residentBytes();
                if (i == WINDOW) {
                    cachedAfterWarmUp = model.backbone().layouts().cachedArrays();
                }
            }
            assertEquals(cachedAfterWarmUp, model.backbone().layouts().cachedArrays(), "layout cache grew");
            long early = median(Arrays.copyOfRange(resident, WINDOW, 2 * WINDOW));
            long late = median(Arrays.copyOfRange(resident, PASSES - WINDOW, PASSES));
            assertTrue(late - early < SLACK_BYTES, "resident memory grew by " + ((late - early) >> 20)
                    + " MiB (medians of passes " + WINDOW + "-" + (2 * WINDOW) + " and the last " + WINDOW + ")");
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
