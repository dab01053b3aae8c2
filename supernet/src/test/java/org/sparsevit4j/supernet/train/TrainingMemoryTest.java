package org.sparsevit4j.supernet.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.supernet.checkpoint.SaaRecipe;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.supernet.data.DatasetOptions;
import org.sparsevit4j.supernet.data.Task;
import org.sparsevit4j.supernet.checkpoint.SegmentationLoss;
import org.sparsevit4j.supernet.checkpoint.TrainSettings;

/**
 * A long training run keeps native memory flat: each step's arrays live in a scope of their
 * own, gradients are zeroed in place, and the optimizer's state is allocated once. Resident
 * memory is compared as medians of an early and a late window of steps (see NativeMemoryTest
 * for why medians, and for the fixed, pre-touched heap).
 */
class TrainingMemoryTest {

    private static final int STEPS = 160;
    private static final int WINDOW = 30;
    /** A leak of one step's activations (several MiB here) over 100 steps would be far more. */
    private static final long SLACK_BYTES = 48L << 20;

    @TempDir
    Path dir;

    @Test
    void residentMemoryStaysFlatOverALongRun() {
        DatasetOptions data = new DatasetOptions(9, 0.1, false, 64, 64, 64, 8);
        TrainSettings settings = new TrainSettings("swin_micro", Task.SEGMENTATION, null, null, data, 64, 64, 4,
                STEPS, 0, 5e-4, 0, 5, 0.05, 1.0, 2, 80, new SaaRecipe(true, 1), Granularity.PAIR, null, null, 16, 1,
                SegmentationLoss.PLAIN); // every pass the recipe has: sandwich and the dense soft labels
        List<Long> resident = new ArrayList<>();
        SupernetTrainer.train(settings, dir, new TrainingListener() {
            @Override
            public void onStep(Step step) {
                resident.add(residentBytes());
            }
        });
        long[] values = resident.stream().mapToLong(Long::longValue).toArray();
        long early = median(Arrays.copyOfRange(values, WINDOW, 2 * WINDOW));
        long late = median(Arrays.copyOfRange(values, STEPS - WINDOW, STEPS));
        assertTrue(late - early < SLACK_BYTES, "resident memory grew by " + ((late - early) >> 20) + " MiB");
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS");
    }
}
