package org.sparsevit4j.app;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.supernet.checkpoint.SaaRecipe;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.profiler.RandomConfigs;
import org.sparsevit4j.supernet.checkpoint.SegmentationLoss;
import org.sparsevit4j.supernet.data.Split;
import org.sparsevit4j.supernet.model.Precision;
import org.sparsevit4j.supernet.train.TrainingListener;

/**
 * One process opening one model after another, as {@code sparsevit ablate} runs its searches: once the
 * first sessions are warm, the process must not grow by each new session's working set. Under glibc's
 * default of one malloc arena per thread it did (each search's replica thread filled another arena
 * that the keep-memory settings never trimmed: 16.7 GB for the default ablation); the launcher and
 * this build run with {@code MALLOC_ARENA_MAX=2} (README, "Fast by default on the CPU"), without which
 * this test fails: the process grew by about 0.3 GB per session until glibc's limit of eight arenas per
 * core (to 2.6 GB on a 2-core machine; 0.94 GB over sessions 6 to 12), against about 0.06 GB over those
 * sessions with it.
 * Skipped in a process without the keep-memory settings (an IDE's), which it is about.
 */
class RepeatedSessionsMemoryTest {

    private static final int SESSIONS = 12;

    /** Sessions after which the arenas must have stopped growing: in one CI run the climb ended after the fifth. */
    private static final int SETTLED = 5;

    @TempDir
    Path dir;

    @Test
    void sessionsOpenedOneAfterAnotherReuseTheMemoryOfThoseClosed() throws IOException {
        assumeTrue(System.getenv("MALLOC_TRIM_THRESHOLD_") != null, "run without the allocator's fast-path settings");
        Engines.start(1);
        DataSpec data = new DataSpec(null, null, null, false, 0.2, 160, 8, null);
        Path supernet = dir.resolve("supernet");
        Trainings.run(new TrainRequest("swin_micro", data, Resolution.square(224), null, supernet, 1, 0, 2, 1e-4, 1e-5,
                0, 0.05, 1.0, 1, 1, 128, 1, SaaRecipe.PAPER, Granularity.PAIR, null, SegmentationLoss.PLAIN),
                new TrainingListener() { });
        List<SparsityConfig> configs = RandomConfigs.draw(ArchitectureSpec.preset("swin_micro"), 2 * SESSIONS, 7);
        long[] resident = new long[SESSIONS];
        for (int i = 0; i < SESSIONS; i++) {
            try (EvaluationDevices devices = EvaluationDevices.open(supernet, data, Split.SEARCH, null, 8, 1,
                    new CacheSpec(null, true), Precision.F32, new DeviceList("cpu", 1), Progress.SILENT)) {
                devices.evaluateAll(configs.subList(2 * i, 2 * i + 2), r -> { });
            }
            // outside the Java heap, which grows and shrinks by the collector's own rules
            resident[i] = ReplicaSpeedupBenchmark.residentBytes() - Runtime.getRuntime().totalMemory();
        }
        // With two arenas a session's working set may land in either, so the process climbs to about two
        // working sets over the first sessions, in steps whose timing depends on which thread won which
        // arena (one clean clone's CI: 414 to 964 MB by the fifth session, then flat); what must not
        // happen is the climb going on, one working set per session, as with an arena per thread.
        long grown = resident[SESSIONS - 1] - resident[SETTLED - 1];
        String trace = String.format(Locale.ROOT, "resident outside the Java heap after each session (MB): %s",
                java.util.Arrays.stream(resident).mapToObj(b -> String.valueOf(b >> 20)).toList());
        System.out.println(trace);
        assertTrue(grown < 300L << 20, String.format(Locale.ROOT,
                "the process grew by %d MB over sessions %d to %d; %s", grown >> 20, SETTLED + 1, SESSIONS, trace));
    }
}
