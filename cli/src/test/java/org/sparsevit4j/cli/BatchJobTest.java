package org.sparsevit4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch jobs end to end on a tiny supernet: a job of three MAC targets on two CPU replicas finds
 * what three separate searches on one replica find, file for file, with fewer evaluations; and
 * evaluation on two replicas gives what one gives.
 */
class BatchJobTest {

    /** The search settings of every run here: small, so that the three targets take seconds. */
    private static final String[] SEARCH = {"--generations", "2", "--population", "8", "--seed", "3", "--batch", "4",
        "--threads", "1"};
    private static final List<String> BUDGETS = List.of("0.4x", "0.6x", "0.8x");
    /** The result files a search writes whose bytes do not depend on the folder's path. */
    private static final List<String> RESULTS = List.of("best.json", "best-config.json", "pareto.json", "pareto.csv",
            "candidates.csv", "generations.csv", "baselines.json", "provenance.json", "class-iou.json");

    @TempDir
    static Path shared;

    private static Path supernet;

    @TempDir
    Path dir;

    /**
     * A supernet trained for one step at a tiny learning rate: still random, so configurations differ
     * in mIoU (a trained one predicts background everywhere at this size, and every configuration ties).
     */
    @BeforeAll
    static void trainSupernet() {
        supernet = shared.resolve("supernet");
        CliRunner.Result r = CliRunner.run("train-supernet", "--arch", "swin_micro", "--steps", "1", "--lr", "1e-6",
                "--min-lr", "1e-7", "--batch", "2", "--decoder-dim", "16", "--resolution", "64", "--synthetic-images", "80",
                "--synthetic-val", "8", "--threads", "1", "--out", supernet.toString());
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void threeMacTargetsFindWhatThreeSearchesFindWithFewerEvaluations() throws IOException {
        Path jobFile = Files.writeString(dir.resolve("night.json"), """
                {
                  "checkpoint": "%s",
                  "devices": "cpu*2",
                  "batch": 4,
                  "search": {"generations": 2, "population": 8},
                  "seed": 3,
                  "targets": [{"maxMacs": "0.4x"}, {"maxMacs": "0.6x"}, {"maxMacs": "0.8x", "name": "loose"}]
                }
                """.formatted(dir.relativize(supernet).toString().replace('\\', '/')));
        CliRunner.Result job = CliRunner.run("batch", jobFile.toString(), "--threads", "1", "--cache-dir",
                dir.resolve("job-cache").toString());
        assertEquals(0, job.exit(), job.err());
        Path jobDir = dir.resolve("night");
        assertTrue(job.err().contains("target 2/3: macs-0.6x") && job.err().contains("3/3 generations"), job.err());
        assertTrue(job.err().contains("evaluating on 2 replicas (cpu#0, cpu#1"), job.err());

        List<String> folders = List.of("targets/01-macs-0.4x", "targets/02-macs-0.6x", "targets/03-loose");
        int separateEvaluations = 0;
        JsonNode summary = new ObjectMapper().readTree(jobDir.resolve("job.json").toFile());
        for (int i = 0; i < BUDGETS.size(); i++) {
            Path alone = dir.resolve("alone-" + i);
            Path cache = dir.resolve("alone-cache-" + i);
            CliRunner.Result search = CliRunner.run(concat(new String[] {"search", "--weights", supernet.toString(),
                "--max-macs", BUDGETS.get(i), "--out", alone.toString(), "--cache-dir", cache.toString()}, SEARCH));
            assertEquals(0, search.exit(), search.err());
            Path target = jobDir.resolve(folders.get(i));
            for (String name : RESULTS) {
                assertEquals(Files.readString(alone.resolve(name)), Files.readString(target.resolve(name)),
                        folders.get(i) + "/" + name + " differs from the separate search's");
            }
            assertTrue(Files.isRegularFile(target.resolve("report.html")));
            separateEvaluations += cachedResults(cache);
            JsonNode row = summary.get("targets").get(i);
            JsonNode best = new ObjectMapper().readTree(alone.resolve("best.json").toFile());
            assertEquals(best.get("ratios"), row.get("best").get("ratios"));
            assertEquals(best.get("metric").doubleValue(), row.get("best").get("metric").doubleValue(), 0);
            assertEquals(folders.get(i), row.get("folder").asText());
            assertEquals(3, row.get("seed").asInt());
            assertTrue(row.get("provenance").has("settings"), "each target's own settings: " + row);
        }
        int jobEvaluations = cachedResults(dir.resolve("job-cache"));
        assertTrue(jobEvaluations < separateEvaluations, "job " + jobEvaluations + " vs separate " + separateEvaluations);
        Matcher counts = Pattern.compile("evaluations: (\\d+) on .*, (\\d+) from the shared cache").matcher(job.out());
        assertTrue(counts.find(), job.out());
        assertEquals(jobEvaluations, Integer.parseInt(counts.group(1)), "every evaluation computed once, into the cache");
        assertTrue(Integer.parseInt(counts.group(2)) > 0, job.out());

        assertEquals("miou", summary.get("metricName").asText());
        JsonNode provenance = summary.get("provenance");
        assertTrue(provenance.get("checkpoint").get("sha256").asText().matches("[0-9a-f]{64}"), provenance.toString());
        assertFalse(provenance.has("settings"), "the budgets differ, so the settings are each target's own");
        List<String> csv = Files.readAllLines(jobDir.resolve("job.csv"));
        assertEquals(4, csv.size(), csv.toString());
        assertTrue(csv.get(0).startsWith("target,name,budget,seed,metric,macs,gmacs,mac_fraction,"), csv.get(0));
        assertTrue(csv.get(3).startsWith("3,loose,max MACs 0.8x dense,3,"), csv.get(3));
        String page = Files.readString(jobDir.resolve("job.html"));
        assertTrue(page.contains("<svg") && page.contains("href=\"targets/03-loose/report.html\""), "job.html");
        assertFalse(page.contains(dir.toAbsolutePath().toString()), "job.html names no absolute path");
        assertTrue(Files.isRegularFile(jobDir.resolve("plots/job-macs.png")));
        for (int i = 0; i < BUDGETS.size(); i++) {
            assertTrue(job.out().contains((i + 1) + " " + folders.get(i).substring(11) + ": best miou "), job.out());
        }

        // resuming a finished job changes nothing
        Map<String, String> before = files(jobDir);
        CliRunner.Result again = CliRunner.run("batch", "--resume", jobDir.toString(), "--threads", "1", "--cache-dir",
                dir.resolve("job-cache").toString());
        assertEquals(0, again.exit(), again.err());
        assertEquals(before, files(jobDir));
        assertTrue(again.err().contains("finished before"), again.err());
    }

    @Test
    void twoReplicasGiveTheResultsOfOne() throws IOException {
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        String[] search = {"search", "--weights", supernet.toString(), "--max-macs", "0.5x", "--pareto", "--no-cache"};
        CliRunner.Result a = CliRunner.run(concat(concat(search, new String[] {"--out", one.toString()}), SEARCH));
        CliRunner.Result b = CliRunner.run(concat(concat(search, new String[] {"--out", two.toString(), "--devices",
            "cpu*2"}), SEARCH));
        assertEquals(0, a.exit(), a.err());
        assertEquals(0, b.exit(), b.err());
        assertTrue(b.err().contains("evaluating on 2 replicas"), b.err());
        for (String name : RESULTS) {
            assertEquals(Files.readString(one.resolve(name)), Files.readString(two.resolve(name)), name);
        }
        String[] evaluate = {"evaluate", "--weights", supernet.toString(), "--split", "search", "--uniform",
            "0,0.2,0.4,0.6,0.8", "--json", "--no-cache", "--batch", "4", "--threads", "1"};
        JsonNode single = withoutSeconds(CliRunner.run(evaluate).out());
        JsonNode pooled = withoutSeconds(CliRunner.run(concat(evaluate, new String[] {"--devices", "cpu*2"})).out());
        assertEquals(5, single.size());
        assertEquals(single, pooled);
    }

    @Test
    void aLatencyTargetIsTimedOnItsDeviceBetweenGenerationsAndDrawnAgainstLatency() throws IOException {
        // a window every configuration meets: the test is about where latency comes from, not the budget
        Path jobFile = Files.writeString(dir.resolve("mixed.json"), """
                {
                  "checkpoint": "%s",
                  "devices": "cpu*2",
                  "batch": 4,
                  "search": {"generations": 1, "population": 6, "measureRuns": 3},
                  "targets": [{"maxMacs": "0.5x"}, {"maxLatencyMs": 100000, "device": "cpu", "name": "fast"}]
                }
                """.formatted(supernet.toString().replace('\\', '/')));
        CliRunner.Result job = CliRunner.run("batch", jobFile.toString(), "--threads", "1", "--no-cache");
        assertEquals(0, job.exit(), job.err());
        Path jobDir = dir.resolve("mixed");
        JsonNode summary = new ObjectMapper().readTree(jobDir.resolve("job.json").toFile());
        JsonNode fast = summary.get("targets").get(1);
        assertEquals("fast", fast.get("name").asText());
        assertTrue(fast.get("best").get("measuredLatencyMs").doubleValue() > 0, fast.toString());
        assertTrue(fast.get("budget").asText().contains("100000"), fast.get("budget").asText());
        JsonNode meter = new ObjectMapper().readTree(jobDir.resolve("targets/02-fast/provenance.json").toFile())
                .get("latencyMeter");
        assertTrue(meter != null && meter.asText().toLowerCase(java.util.Locale.ROOT).contains("cpu"), "meter " + meter);
        // every candidate of the latency target was timed, into its own folder's measurements
        assertTrue(Files.isRegularFile(jobDir.resolve("targets/02-fast/latency-measurements.json")));
        assertTrue(Files.isRegularFile(jobDir.resolve("plots/job-latency.svg")));
        assertTrue(Files.readString(jobDir.resolve("job.html")).contains("id=\"job-latency\""), "job.html");
        List<String> csv = Files.readAllLines(jobDir.resolve("job.csv"));
        assertTrue(csv.get(2).startsWith("2,fast,"), csv.get(2));
    }

    private static JsonNode withoutSeconds(String json) throws IOException {
        JsonNode rows = new ObjectMapper().readTree(json);
        rows.forEach(r -> ((com.fasterxml.jackson.databind.node.ObjectNode) r).remove("seconds"));
        return rows;
    }

    /** Results in a cache folder: the lines of its files, less each file's key line. */
    private static int cachedResults(Path cache) throws IOException {
        int n = 0;
        try (Stream<Path> files = Files.list(cache)) {
            for (Path f : files.toList()) {
                n += Files.readAllLines(f).size() - 1;
            }
        }
        return n;
    }

    /** Every file under {@code root} by relative path, as bytes in a string (ISO-8859-1 keeps every byte). */
    static Map<String, String> files(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = new ArrayList<>(walk.filter(Files::isRegularFile).toList());
        }
        for (Path p : paths) {
            out.put(root.relativize(p).toString(), new String(Files.readAllBytes(p),
                    java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
