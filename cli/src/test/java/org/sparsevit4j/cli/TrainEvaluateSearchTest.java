package org.sparsevit4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.FileHash;
import org.sparsevit4j.core.Json;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SparsityConfigJson;
import org.sparsevit4j.profiler.LatencyTable;
import org.sparsevit4j.supernet.io.SafetensorsReader;
import org.sparsevit4j.supernet.checkpoint.Checkpoints;
import org.sparsevit4j.profiler.LatencyTableJson;
import org.sparsevit4j.results.WindowPicture;
import org.sparsevit4j.results.WindowPictureTest;
import org.sparsevit4j.app.Exports;

/** The user's path end to end on a tiny built-in dataset: train, evaluate, fine-tune, search. */
class TrainEvaluateSearchTest {

    private static final String[] DATA = {"--resolution", "64", "--synthetic-images", "40", "--synthetic-val", "8"};

    @TempDir
    static Path shared;

    private static Path supernet;
    private static Path cache;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainSupernet() {
        supernet = shared.resolve("supernet");
        cache = shared.resolve("cache");
        CliRunner.Result r = CliRunner.run(concat(new String[] {"train-supernet", "--arch", "swin_micro", "--steps", "3",
            "--batch", "2", "--decoder-dim", "16", "--checkpoint-every", "2", "--threads", "1", "--out",
            supernet.toString()}, DATA));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("train-supernet: 3 of 3 steps"), r.err());
    }

    @Test
    void evaluateACurveAndFindItInTheCacheTheSecondTime() throws Exception {
        String[] args = {"evaluate", "--weights", supernet.toString(), "--uniform", "0,0.5", "--json", "--batch", "4",
            "--cache-dir", cache.resolve("curve").toString()};
        CliRunner.Result first = CliRunner.run(args);
        assertEquals(0, first.exit(), first.err());
        JsonNode rows = new ObjectMapper().readTree(first.out());
        assertEquals(2, rows.size());
        for (JsonNode row : rows) {
            assertEquals("val", row.get("split").asText());
            assertEquals(8, row.get("images").asInt());
            assertTrue(row.get("miou").asDouble() >= 0 && row.get("miou").asDouble() <= 1);
            assertTrue(row.has("pixel_accuracy"));
            assertFalse(row.get("cached").asBoolean());
        }
        JsonNode again = new ObjectMapper().readTree(CliRunner.run(args).out());
        assertTrue(again.get(0).get("cached").asBoolean());
        assertEquals(rows.get(1).get("miou").asDouble(), again.get(1).get("miou").asDouble(), 0);
    }

    @Test
    void aFinetunedModelEvaluatesAtItsOwnConfiguration() throws Exception {
        SparsityConfig config = SparsityConfig.uniform(ArchitectureSpec.preset("swin_micro"), 0.4);
        Path cfg = dir.resolve("cfg.json");
        SparsityConfigJson.write(config, cfg);
        Path finetuned = dir.resolve("finetuned");
        CliRunner.Result r = CliRunner.run(concat(new String[] {"finetune", "--weights", supernet.toString(), "--config",
            cfg.toString(), "--steps", "2", "--batch", "2", "--decoder-dim", "16", "--out", finetuned.toString()}, DATA));
        assertEquals(0, r.exit(), r.err());
        CliRunner.Result e = CliRunner.run("evaluate", "--weights", finetuned.toString(), "--json", "--no-cache");
        assertEquals(0, e.exit(), e.err());
        JsonNode row = new ObjectMapper().readTree(e.out());
        assertEquals(SparsityConfigJson.parse("{\"ratios\": " + row.get("ratios") + "}", "out"), config);

        Path exported = dir.resolve("model.safetensors");
        CliRunner.Result x = CliRunner.run("export", "--weights", finetuned.toString(), "--out", exported.toString());
        assertEquals(0, x.exit(), x.err());
        try (SafetensorsReader reader = SafetensorsReader.open(exported)) {
            assertEquals(config, SparsityConfigJson.parse(reader.metadata().get(Exports.CONFIG_KEY), "header"));
            assertFalse(reader.names().stream().anyMatch(n -> n.startsWith("optimizer.")), "no optimizer state");
            assertTrue(reader.contains("features.0.0.weight"), "torchvision keys");
        }
        JsonNode again = new ObjectMapper().readTree(CliRunner.run("evaluate", "--weights", exported.toString(), "--json",
            "--no-cache").out());
        assertEquals(row.get("miou").asDouble(), again.get("miou").asDouble(), 0, "the export runs at its configuration");
        assertEquals(row.get("ratios"), again.get("ratios"));
    }

    @Test
    void aResumedTrainingRunChecksWhatItResumes() throws Exception {
        Path cfg = dir.resolve("cfg.json");
        SparsityConfigJson.write(SparsityConfig.uniform(ArchitectureSpec.preset("swin_micro"), 0.4), cfg);
        Path run = dir.resolve("finetuned");
        CliRunner.Result r = CliRunner.run(concat(new String[] {"finetune", "--weights", supernet.toString(), "--config",
            cfg.toString(), "--steps", "2", "--batch", "2", "--decoder-dim", "16", "--checkpoint-every", "1", "--out",
            run.toString()}, DATA));
        assertEquals(0, r.exit(), r.err());
        Path file = run.resolve("train-inputs.json");
        ObjectNode inputs = (ObjectNode) new ObjectMapper().readTree(file.toFile());
        // the run records the checkpoint its --weights folder held, not the folder, and that file's SHA-256
        Path start = Path.of(inputs.get("start").get("settings").get("init_weights").asText());
        assertEquals(Checkpoints.latest(supernet).orElseThrow().toAbsolutePath(), start);
        assertEquals(FileHash.sha256(start), inputs.get("startWeightsSha256").asText());
        ((ObjectNode) inputs.get("start").get("settings")).put("seed", 12345);
        Files.writeString(file, Json.write(inputs));
        List<String> before = listing(run);
        CliRunner.Result refused = CliRunner.run("finetune", "--resume", run.toString());
        assertEquals(2, refused.exit(), refused.err());
        List<String> lines = refused.err().strip().lines().filter(l -> l.startsWith("sparsevit:")).toList();
        assertEquals(1, lines.size(), refused.err());
        assertTrue(lines.get(0).endsWith("(recorded vs checkpoint): settings.seed: 12345 vs 0"), lines.get(0));
        assertEquals(before, listing(run), "a refused resume wrote something");
    }

    /** Each file under {@code folder} with its size and SHA-256. */
    private static List<String> listing(Path folder) throws java.io.IOException {
        try (var files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).sorted()
                    .map(f -> folder.relativize(f) + " " + f.toFile().length() + " " + FileHash.sha256(f)).toList();
        }
    }

    @Test
    void visualizeFeedsACheckpointAtItsTrainingResolution() throws Exception {
        Path cfg = dir.resolve("cfg.json");
        SparsityConfigJson.write(SparsityConfig.uniform(ArchitectureSpec.preset("swin_micro"), 0.5), cfg);
        Path image = dir.resolve("scene.png");
        ImageIO.write(WindowPictureTest.texture(100, 80), "png", image.toFile());
        Path out = dir.resolve("windows.png");
        CliRunner.Result r = CliRunner.run("visualize", "--weights", supernet.toString(), "--config", cfg.toString(),
            "--image", image.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        // at 64x64 the stages have 16, 8, 4 and 2 tokens a side: 3x3, 2x2, 1 and 1 windows; half of one window is none
        assertEquals(List.of("stage 0: 4/9 windows kept (ratios 0.5x2)", "stage 1: 2/4 windows kept (ratios 0.5x2)",
            "stage 2: 0/1 windows kept (ratios 0.5x2)", "stage 3: 0/1 windows kept (ratios 0.5x2)"), r.out().lines().toList());
        assertEquals(4 * 256 + 5 * WindowPicture.MARGIN, ImageIO.read(out.toFile()).getWidth());
    }

    @Test
    void searchWritesItsResultsAndResumesAFinishedRun() throws Exception {
        Path run = dir.resolve("search");
        CliRunner.Result r = CliRunner.run("search", "--weights", supernet.toString(), "--max-macs", "0.6x",
            "--generations", "1", "--population", "8", "--seed", "3", "--batch", "4", "--out", run.toString(),
            "--cache-dir", cache.resolve("search").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("best miou"), r.out());
        assertTrue(r.err().contains("gen 1/1"), r.err());
        SparsityConfig best = SparsityConfigJson.read(run.resolve("best-config.json"), ArchitectureSpec.preset("swin_micro"));
        assertTrue(best.ratios().stream().flatMap(List::stream).anyMatch(v -> v > 0));
        assertTrue(Files.exists(run.resolve("pareto.csv")));
        assertTrue(r.out().contains("report: " + run.resolve("report.html").toAbsolutePath()), r.out());
        assertTrue(Files.readString(run.resolve("report.html")).contains("<svg"));
        assertEquals(best, SparsityConfigJson.read(run.resolve("best.json"), ArchitectureSpec.preset("swin_micro")));
        JsonNode provenance = new ObjectMapper().readTree(run.resolve("best.json").toFile()).get("provenance");
        assertTrue(provenance.get("checkpoint").get("sha256").asText().matches("[0-9a-f]{64}"), provenance.toString());
        assertEquals("search", provenance.get("dataset").get("split").asText());
        assertFalse(provenance.get("dataset").get("identity").asText().isBlank());
        assertEquals("0.36.0", provenance.get("djl").asText());
        assertEquals("PyTorch", provenance.get("engine").asText());
        assertTrue(provenance.get("engineVersion").asText().startsWith("2."), provenance.get("engineVersion").asText());
        assertFalse(provenance.get("device").asText().isBlank());
        assertJsonKeysSorted(run);
        CliRunner.Result resumed = CliRunner.run("search", "--resume", run.toString(), "--cache-dir",
            cache.resolve("search").toString());
        assertEquals(0, resumed.exit(), resumed.err());
        assertEquals(r.out(), resumed.out());
        // a resume against another checkpoint or other data than the search started with is refused, naming both
        Path inputs = run.resolve("search-inputs.json");
        String recorded = Files.readString(inputs);
        String sha = new ObjectMapper().readTree(recorded).get("checkpointSha256").asText();
        String identity = new ObjectMapper().readTree(recorded).get("datasetIdentity").asText();
        Files.writeString(inputs, recorded.replace(sha, "0".repeat(64)).replace(identity, "other data"));
        CliRunner.Result refused = CliRunner.run("search", "--resume", run.toString(), "--cache-dir",
            cache.resolve("search").toString());
        assertEquals(2, refused.exit(), refused.err());
        assertTrue(refused.err().contains("cannot resume against other inputs") && refused.err().contains(sha)
            && refused.err().contains("other data"), refused.err());
        assertEquals(1, refused.err().strip().lines().filter(l -> l.startsWith("sparsevit:")).count(), refused.err());
    }

    @Test
    void searchUnderALatencyBudgetReMeasuresWhatItReports() throws Exception {
        Path table = dir.resolve("table.json");
        CliRunner.Result built = CliRunner.run("profile", "--build-table", "--weights", supernet.toString(),
            "--resolution", "64", "--runs", "2", "--warmup", "1", "--threads", "1", "--out", table.toString());
        assertEquals(0, built.exit(), built.err());
        LatencyTable t = LatencyTableJson.read(table);
        ArchitectureSpec micro = ArchitectureSpec.preset("swin_micro");
        // between the plain passes the build timed at uniform 0.0 and 0.8: the search re-anchors the table to such
        // passes, so this budget stays between them even when a loaded machine skews the part sums (seen: x5)
        double dense = t.anchors().stream().filter(a -> a.ratio() == 0.0).findFirst().orElseThrow().measuredMs();
        double sparse = t.anchors().stream().filter(a -> a.ratio() == 0.8).findFirst().orElseThrow().measuredMs();
        double budget = (dense + sparse) / 2;
        Path run = dir.resolve("latency-search");
        CliRunner.Result r = CliRunner.run("search", "--weights", supernet.toString(), "--latency-table",
            table.toString(), "--max-latency-ms", Double.toString(budget), "--cost", "latency", "--pareto",
            "--measure-runs", "2", "--generations", "1", "--population", "8", "--seed", "3", "--batch", "4",
            "--threads", "1", "--out", run.toString(), "--cache-dir", cache.resolve("latency").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("ms predicted"), r.out());
        JsonNode best = new ObjectMapper().readTree(run.resolve("best.json").toFile());
        assertTrue(best.get("predictedLatencyMs").asDouble() <= budget, best.toString());
        assertTrue(best.get("measuredLatencyMs").asDouble() > 0, best.toString());
        for (JsonNode c : new ObjectMapper().readTree(run.resolve("pareto.json").toFile()).get("front")) {
            assertTrue(c.get("measuredLatencyMs").asDouble() > 0, "every front member re-measured: " + c);
            assertTrue(c.get("predictedLatencyMs").asDouble() <= budget);
        }
        String model = best.get("provenance").get("latencyModel").asText();
        assertTrue(model.contains("latency table of swin_micro segmentation") && model.contains("re-anchored x"), model);
    }

    @Test
    void searchMeasuringEveryCandidateResumesWithTheSameMeasurements() throws Exception {
        Path run = dir.resolve("measure-search");
        String[] args = {"search", "--weights", supernet.toString(), "--latency", "measure", "--latency-batch", "1",
            "--max-latency-ms", "1000", "--cost", "latency", "--measure-runs", "1", "--generations", "1", "--population",
            "4", "--seed", "3", "--batch", "4", "--threads", "1", "--out", run.toString(), "--cache-dir",
            cache.resolve("measure").toString()};
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("measured per configuration"), r.err());
        JsonNode measured = new ObjectMapper().readTree(run.resolve("latency-measurements.json").toFile());
        assertTrue(measured.get("measurements").size() >= 4, "every candidate measured: " + measured);
        JsonNode best = new ObjectMapper().readTree(run.resolve("best.json").toFile());
        double predicted = best.get("predictedLatencyMs").asDouble();
        boolean found = false;
        for (JsonNode m : measured.get("measurements")) {
            found |= m.get("ms").asDouble() == predicted && m.get("ratios").equals(best.get("ratios"));
        }
        assertTrue(found, "the best's latency is its measurement: " + best);
        assertJsonKeysSorted(run);
        List<String> before = withoutMeasuredColumn(run.resolve("candidates.csv"));
        CliRunner.Result resumed = CliRunner.run("search", "--resume", run.toString(), "--cache-dir",
            cache.resolve("measure").toString());
        assertEquals(0, resumed.exit(), resumed.err());
        // the reported configurations are timed again at the end (measured_latency_ms); the search's own
        // latencies come from the file, so every candidate and its latency_ms stay as they were
        assertEquals(before, withoutMeasuredColumn(run.resolve("candidates.csv")));
    }

    /**
     * The README's promise: every JSON file of a search folder has its keys sorted at every level,
     * so two runs' files diff line by line.
     */
    private static void assertJsonKeysSorted(Path runDir) throws java.io.IOException {
        List<Path> files;
        try (var listing = Files.list(runDir)) {
            files = listing.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.size() >= 6, "JSON files of " + runDir + ": " + files);
        for (Path file : files) {
            assertSorted(new ObjectMapper().readTree(file.toFile()), file.getFileName().toString());
        }
    }

    private static void assertSorted(JsonNode node, String where) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            assertEquals(keys.stream().sorted().toList(), keys, where);
            node.properties().forEach(e -> assertSorted(e.getValue(), where + "." + e.getKey()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                assertSorted(node.get(i), where + "[" + i + "]");
            }
        }
    }

    private static List<String> withoutMeasuredColumn(Path csv) throws java.io.IOException {
        List<String> lines = Files.readAllLines(csv);
        int column = List.of(lines.get(0).split(",")).indexOf("measured_latency_ms");
        return lines.stream().map(l -> {
            List<String> cells = new ArrayList<>(List.of(l.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1)));
            cells.remove(column);
            return String.join(",", cells);
        }).toList();
    }

    @Test
    void badInputsExitTwoWithOneLine() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {"train-supernet", "--steps", "1"});
        cases.add(new String[] {"train-supernet", "--resume", empty.toString()});
        cases.add(new String[] {"train-supernet", "--arch", "swin_x", "--out", dir.resolve("x").toString()});
        cases.add(new String[] {"finetune", "--out", dir.resolve("y").toString()});
        cases.add(new String[] {"evaluate", "--weights", supernet.toString(), "--split", "test"});
        cases.add(new String[] {"evaluate", "--weights", empty.toString()});
        cases.add(new String[] {"evaluate", "--weights", supernet.toString(), "--uniform", "0.25"});
        cases.add(new String[] {"search", "--weights", supernet.toString(), "--max-macs", "0.01x", "--out",
            dir.resolve("s1").toString()});
        cases.add(new String[] {"search", "--weights", supernet.toString(), "--max-latency-ms", "30", "--out",
            dir.resolve("s2").toString()});
        cases.add(new String[] {"search", "--weights", supernet.toString(), "--out", dir.resolve("s3").toString()});
        for (String[] args : cases) {
            CliRunner.Result r = CliRunner.run(args);
            assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().filter(l -> l.startsWith("sparsevit:")).count(), r.err());
        }
        CliRunner.Result impossible = CliRunner.run(cases.get(7));
        assertTrue(impossible.err().matches("(?s).*\\d.*\\d.*"), "the budget error gives both numbers: " + impossible.err());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
