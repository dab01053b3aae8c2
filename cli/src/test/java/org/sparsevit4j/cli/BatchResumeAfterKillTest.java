package org.sparsevit4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch job SIGKILLed or SIGTERMed in a child JVM at a random moment, from its start to its last
 * target, then resumed with {@code sparsevit batch --resume}, ends with exactly the files of an
 * uninterrupted job: every target's folder, the summary, the page and its charts.
 */
class BatchResumeAfterKillTest {

    @TempDir
    Path dir;

    @Test
    void aKilledJobResumesToTheFilesOfAnUninterruptedOne() throws Exception {
        Path supernet = dir.resolve("supernet");
        CliRunner.Result trained = CliRunner.run("train-supernet", "--arch", "swin_micro", "--steps", "1", "--lr", "1e-6",
                "--min-lr", "1e-7", "--batch", "2", "--decoder-dim", "16", "--resolution", "64", "--synthetic-images",
                "80", "--synthetic-val", "8", "--threads", "1", "--out", supernet.toString());
        assertEquals(0, trained.exit(), trained.err());
        Path jobFile = Files.writeString(dir.resolve("job.json"), """
                {"checkpoint": "supernet", "devices": "cpu*2", "batch": 4, "seed": 5,
                 "search": {"generations": 3, "population": 8, "pareto": true},
                 "targets": [{"maxMacs": "0.4x"}, {"maxMacs": "0.6x"}, {"maxMacs": "0.8x"}]}
                """);
        Path jobDir = dir.resolve("job");

        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        // the moment: after the job recorded itself (the model loading, the first draws), in the first or
        // the second target's search, or after the second's report (the third's start), plus a delay
        List<String> anchors = List.of("job-inputs.json", "targets/01-macs-0.4x/search-state.json",
                "targets/02-macs-0.6x/search-state.json", "targets/02-macs-0.6x/report.html");
        String anchor = anchors.get(random.nextInt(anchors.size()));
        int delayMs = random.nextInt(400);
        // SIGKILL ends it wherever it is; SIGTERM lets the replicas finish their passes and unwind (StopRequest)
        boolean term = random.nextBoolean();
        String context = (term ? "SIGTERM" : "SIGKILL") + " " + delayMs + " ms after " + anchor + " appeared (from seed "
                + seed + ")";
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(ChildProcess.sparsevit(List.of(), "batch", jobFile.toString(),
                "--out", jobDir.toString(), "--threads", "1", "--cache-dir", dir.resolve("cache-killed").toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Path state = jobDir.resolve(anchor);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(state)) {
                assertTrue(child.isAlive(), "the child ended before " + state + ":\n" + Files.readString(log));
                assertTrue(System.nanoTime() < deadline, "no " + state + " in 120 s:\n" + Files.readString(log));
                Thread.sleep(5);
            }
            Thread.sleep(delayMs);
            assertTrue(child.isAlive(), "the child finished before it was killed; " + context + "\n"
                    + Files.readString(log));
            if (term) {
                child.destroy();
            } else {
                child.destroyForcibly();
            }
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), context);
            // 128 + the signal: a stop, not a failure (a replica that took the stop for a fault would be retired)
            assertEquals(term ? 143 : 137, child.exitValue(), context + "\n" + Files.readString(log));
            assertFalse(Files.readString(log).contains("retired"), context + "\n" + Files.readString(log));
        } finally {
            child.destroyForcibly();
        }

        CliRunner.Result resumed = CliRunner.run("batch", "--resume", jobDir.toString(), "--threads", "1",
                "--cache-dir", dir.resolve("cache-killed").toString());
        assertEquals(0, resumed.exit(), context + "\n" + resumed.err());
        // the uninterrupted job runs in the same folder (reports name their folder), after the resumed one moves aside
        Path resumedDir = Files.move(jobDir, dir.resolve("job-resumed"));
        CliRunner.Result uninterrupted = CliRunner.run("batch", jobFile.toString(), "--out", jobDir.toString(),
                "--threads", "1", "--cache-dir", dir.resolve("cache-uninterrupted").toString());
        assertEquals(0, uninterrupted.exit(), uninterrupted.err());
        assertEquals(uninterrupted.out().lines().filter(l -> !l.startsWith("evaluations:")).toList(),
                resumed.out().lines().filter(l -> !l.startsWith("evaluations:")).toList(), context);

        Map<String, String> expected = BatchJobTest.files(jobDir);
        Map<String, String> actual = BatchJobTest.files(resumedDir);
        assertEquals(expected.keySet(), actual.keySet(), context);
        assertTrue(expected.containsKey("job.html") && expected.containsKey("targets/03-macs-0.8x/report.html"),
                expected.keySet().toString());
        for (String name : expected.keySet()) {
            assertTrue(expected.get(name).equals(actual.get(name)), name + " differs; " + context);
        }
    }
}
