package org.sparsevit4j.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search SIGKILLed in a child JVM at a random moment after its first bred generation was saved,
 * then resumed in this JVM, ends with exactly the result and the files of an uninterrupted run.
 */
class ResumeAfterKillTest {

    @TempDir
    Path tmp;

    @Test
    void aKilledSearchResumesToTheUninterruptedResult() throws Exception {
        long seed = System.nanoTime();
        int delayMs = new SplittableRandom(seed).nextInt(800);
        String context = "kill delay " + delayMs + " ms (from seed " + seed + ")";
        Path killed = tmp.resolve("killed");
        Path log = tmp.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KillableSearchMain.class.getName(), killed.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            waitForGeneration(killed, 1, child, log);
            Thread.sleep(delayMs);
            assertTrue(child.isAlive(), "the child finished before it was killed; " + context + "\n" + Files.readString(log));
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        int savedGeneration = savedGeneration(killed);
        List<GenerationReport> afterResume = new ArrayList<>();
        SearchResult resumed = EvolutionarySearch.resume(killed, new SyntheticFitness(), null, afterResume::add);

        SearchResult uninterrupted = EvolutionarySearch.run(KillableSearchMain.settings(), new SyntheticFitness(), null,
                tmp.resolve("uninterrupted"), null);
        assertEquals(uninterrupted, resumed, context + ", saved generation " + savedGeneration);
        Map<String, String> expected = EvolutionarySearchTest.files(tmp.resolve("uninterrupted"));
        Map<String, String> actual = EvolutionarySearchTest.files(killed);
        assertEquals(expected.keySet(), actual.keySet(), context);
        for (String name : expected.keySet()) {
            assertEquals(expected.get(name), actual.get(name), name + ": " + context);
        }
        assertEquals(Math.max(0, 12 - savedGeneration), afterResume.size(), "one event per generation run after the resume");
    }

    private static void waitForGeneration(Path runDir, int generation, Process child, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (savedGeneration(runDir) < generation) {
            if (!child.isAlive()) {
                throw new AssertionError("child exited with " + child.exitValue() + ":\n" + Files.readString(log));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no generation " + generation + " saved in 60 s:\n" + Files.readString(log));
            }
            Thread.sleep(5);
        }
    }

    /** The generation in the state file, or -2 while there is none (it is replaced atomically, never partial). */
    private static int savedGeneration(Path runDir) throws IOException {
        Path state = runDir.resolve(EvolutionarySearch.STATE_FILE);
        if (!Files.exists(state)) {
            return -2;
        }
        JsonNode node = new ObjectMapper().readTree(state.toFile());
        return node.get("generation").asInt();
    }
}
