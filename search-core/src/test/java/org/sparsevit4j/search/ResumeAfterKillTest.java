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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A search killed in a child JVM, then resumed in this JVM, ends with exactly the result and the
 * files of an uninterrupted run, byte for byte (no file of a search records the interruption): a
 * single-objective MAC search SIGKILLed at a random moment after its first bred generation was
 * saved, and a Pareto search and a latency-budget search halted at chosen points in the middle of a
 * later generation and in the middle of the baselines.
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
        Process child = child(log, killed.toString());
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
        assertSameFiles(tmp.resolve("uninterrupted"), killed, context);
        assertEquals(Math.max(0, 12 - savedGeneration), afterResume.size(), "one event per generation run after the resume");
    }

    /**
     * A search halted at its {@code calls}-th evaluation after generation {@code generation} was
     * saved (8 is the last: the kill falls in the baselines, past random search's first batch of 100
     * when {@code calls} exceeds 100 plus the uniform configurations), resumed here.
     */
    @ParameterizedTest(name = "{0} killed at evaluation {2} after generation {1}")
    @CsvSource({"PARETO, 3, 37", "LATENCY, 5, 23", "PARETO, 8, 150", "LATENCY, 8, 4"})
    void aSearchKilledMidGenerationOrInItsBaselinesResumesToTheUninterruptedFiles(
            KillableSearchMain.Scenario scenario, int generation, int calls) throws Exception {
        Path killed = tmp.resolve("killed");
        Path log = tmp.resolve("child.log");
        Process child = child(log, killed.toString(), scenario.name(), Integer.toString(generation),
                Integer.toString(calls));
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child did not end:\n" + Files.readString(log));
        String output = Files.readString(log);
        assertEquals(KillableSearchMain.HALTED, child.exitValue(), output);
        assertTrue(output.contains("halting at evaluation " + calls), output);
        JsonNode state = new ObjectMapper().readTree(killed.resolve(EvolutionarySearch.STATE_FILE).toFile());
        assertEquals(generation, state.get("generation").asInt(), "the last generation saved before the kill");
        boolean inBaselines = generation == scenario.settings().generations();
        assertEquals(inBaselines ? "baselines" : "evolution", state.get("phase").asText(), output);
        assertTrue(Files.notExists(killed.resolve("best.json")), "the killed run wrote its results");

        SearchResult resumed = EvolutionarySearch.resume(killed, new SyntheticFitness(), scenario.latencyModel(), null);
        SearchResult uninterrupted = EvolutionarySearch.run(scenario.settings(), new SyntheticFitness(),
                scenario.latencyModel(), tmp.resolve("uninterrupted"), null);
        String context = scenario + " killed at evaluation " + calls + " after generation " + generation;
        assertEquals(uninterrupted, resumed, context);
        assertSameFiles(tmp.resolve("uninterrupted"), killed, context);
    }

    /** A JVM running {@link KillableSearchMain} with {@code args}, its output in {@code log}. */
    private static Process child(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), KillableSearchMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void assertSameFiles(Path expectedDir, Path actualDir, String context) throws IOException {
        Map<String, String> expected = EvolutionarySearchTest.files(expectedDir);
        Map<String, String> actual = EvolutionarySearchTest.files(actualDir);
        assertEquals(expected.keySet(), actual.keySet(), context);
        for (String name : expected.keySet()) {
            assertEquals(expected.get(name), actual.get(name), name + ": " + context);
        }
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
