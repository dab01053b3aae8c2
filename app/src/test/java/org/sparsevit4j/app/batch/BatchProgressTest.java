package org.sparsevit4j.app.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparsevit4j.app.Progress;

/** The job's one display: each target's generations become steps of the whole job, with the time left. */
class BatchProgressTest {

    private final List<String> shown = new ArrayList<>();
    private long now;

    private final Progress screen = new Progress() {
        @Override
        public void step(long done, long total, String status) {
            shown.add(done + "/" + total + " " + status);
        }

        @Override
        public void line(String text) {
            shown.add(text);
        }
    };

    @Test
    void aTargetsGenerationsAreStepsOfTheWholeJob() {
        // three targets of 3 generations, the initial population and the baselines: 15 steps in all
        BatchProgress progress = new BatchProgress(screen, 3, 5, () -> now);
        progress.target(1, "macs-0.4x");
        progress.step(0, 5, "evaluation 1");
        now += 10_000_000_000L;
        progress.step(1, 5, "generation 0");
        progress.target(2, "macs-0.6x");
        progress.phase("search on the supernet");
        now += 40_000_000_000L;
        progress.step(2, 5, "generation 1");
        assertEquals(List.of("target 1/3: macs-0.4x",
                "0/15 target 1/3 macs-0.4x, 0/4 generations: evaluation 1; time left not known yet",
                "1/15 target 1/3 macs-0.4x, 1/4 generations: generation 0; ~2m20s left",
                "target 2/3: macs-0.6x",
                "search on the supernet",
                // 7 steps in 50 s: 8 left take ~57 s
                "7/15 target 2/3 macs-0.6x, 2/4 generations: generation 1; ~57s left"), shown);
    }

    @Test
    void aResumedJobCountsOnlyTheStepsItRanItself() {
        BatchProgress progress = new BatchProgress(screen, 2, 5, () -> now);
        progress.target(2, "loose");
        progress.step(3, 5, "evaluation 40");
        now += 30_000_000_000L;
        progress.step(4, 5, "generation 3");
        // one step in 30 s since the resume, not nine: the one left takes ~30 s
        assertEquals("9/10 target 2/2 loose, 4/4 generations: generation 3; ~30s left", shown.get(shown.size() - 1));
    }
}
