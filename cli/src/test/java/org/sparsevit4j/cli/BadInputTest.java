package org.sparsevit4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SparsityConfigJson;
import org.sparsevit4j.supernet.io.NamedTensor;
import org.sparsevit4j.supernet.io.SafetensorsWriter;
import org.sparsevit4j.supernet.model.SwinFixtures;

/**
 * Every command against the same kinds of bad input: a missing file, a directory instead of a
 * file, malformed JSON, a configuration for another architecture, an impossible budget, weights
 * for another architecture, an output folder that cannot be written. Each case must end with one
 * line on stderr that names the problem, exit status 2, and no output left behind.
 */
class BadInputTest {

    @TempDir
    static Path dir;

    private static String supernet;
    private static String microConfig;
    private static String swinTConfig;
    private static String malformed;
    private static String missing;
    private static String folder;
    private static String otherWeights;
    private static String image;
    private static String input;
    private static String table;
    /** A latency table of a classifier, which a segmentation supernet must refuse. */
    private static String classifierTable;
    /** A run folder whose result files are malformed. */
    private static Path badRun;
    /** An output path whose parent is a file: no command can write there. */
    private static Path blocked;

    /** Batch job files, each bad in one field, by name. */
    private static final Map<String, String> jobs = new java.util.LinkedHashMap<>();

    /** One bad invocation and what its error line must mention. */
    record Case(String kind, String mentions, String... args) {
    }

    @BeforeAll
    static void files() throws IOException {
        Path run = dir.resolve("supernet");
        CliRunner.Result trained = CliRunner.run("train-supernet", "--arch", "swin_micro", "--steps", "1", "--batch", "2",
                "--resolution", "64", "--synthetic-images", "20", "--synthetic-val", "4", "--decoder-dim", "16",
                "--threads", "1", "--out", run.toString());
        assertEquals(0, trained.exit(), trained.err());
        supernet = run.toString();
        Path micro = dir.resolve("micro.json");
        SparsityConfigJson.write(SparsityConfig.uniform(ArchitectureSpec.preset("swin_micro"), 0.3), micro);
        microConfig = micro.toString();
        Path swinT = dir.resolve("swin-t.json");
        SparsityConfigJson.write(SparsityConfig.ofLevels(new int[][] {{1, 1}, {1, 1}, {1, 1, 1, 1, 1, 1}, {1, 1}}),
                swinT);
        swinTConfig = swinT.toString();
        malformed = Files.writeString(dir.resolve("malformed.json"), "{\"ratios\": [[0.1, 0.1], [").toString();
        missing = dir.resolve("missing.json").toString();
        folder = Files.createDirectories(dir.resolve("a-folder")).toString();
        otherWeights = SwinFixtures.resource("tiny_timm_new_f16.safetensors").toString();
        Path png = dir.resolve("image.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "png", png.toFile());
        image = png.toString();
        Path tensor = dir.resolve("input.safetensors");
        SafetensorsWriter.write(tensor, List.of(new NamedTensor("input", new long[] {1, 3, 64, 64},
                new float[3 * 64 * 64])), Map.of());
        input = tensor.toString();
        Path tablePath = dir.resolve("table.json");
        CliRunner.Result profiled = CliRunner.run("profile", "--build-table", "--weights", supernet, "--resolution", "64",
                "--runs", "1", "--warmup", "0", "--threads", "1", "--out", tablePath.toString());
        assertEquals(0, profiled.exit(), profiled.err());
        table = tablePath.toString();
        Path classifierPath = dir.resolve("classifier-table.json");
        assertEquals(0, CliRunner.run("profile", "--build-table", "--arch", "swin_micro", "--resolution", "64", "--runs",
                "1", "--warmup", "0", "--threads", "1", "--contexts", "0", "--out", classifierPath.toString()).exit());
        classifierTable = classifierPath.toString();
        blocked = Files.writeString(dir.resolve("a-file"), "not a folder").resolve("out");
        badRun = Files.createDirectories(dir.resolve("bad-run"));
        Files.writeString(badRun.resolve("best.json"), "{\"ratios\": [[");
        Files.writeString(badRun.resolve("pareto.json"), "{");
        writeJobs();
    }

    /**
     * A job file per rule it breaks, each otherwise valid; the job folder each would get (beside it,
     * named after it) must not appear.
     */
    private static void writeJobs() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("jobs"));
        String sn = "\"checkpoint\": " + quoted(supernet) + ", \"batch\": 4, \"search\": {\"generations\": 1, "
                + "\"population\": 4}";
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        texts.put("good", "{" + sn + ", \"targets\": [{\"maxMacs\": \"0.6x\"}]}");
        texts.put("unknown-key", "{" + sn + ", \"generations\": 3, \"targets\": [{\"maxMacs\": \"0.6x\"}]}");
        texts.put("unknown-target-key", "{" + sn + ", \"targets\": [{\"maxMacs\": \"0.6x\"}, {\"maxMac\": \"0.5x\"}]}");
        texts.put("wrong-type", "{\"checkpoint\": " + quoted(supernet) + ", \"search\": {\"population\": \"many\"}, "
                + "\"targets\": [{\"maxMacs\": \"0.6x\"}]}");
        texts.put("number-for-text", "{" + sn + ", \"targets\": [{\"maxMacs\": 0.5}]}");
        texts.put("no-checkpoint-key", "{\"targets\": [{\"maxMacs\": \"0.6x\"}]}");
        texts.put("missing-checkpoint", "{\"checkpoint\": \"nowhere\", \"targets\": [{\"maxMacs\": \"0.6x\"}]}");
        texts.put("missing-table", "{" + sn + ", \"targets\": [{\"maxLatencyMs\": 10, \"latencyTable\": "
                + "\"missing-table.json\"}]}");
        texts.put("impossible-macs", "{" + sn + ", \"targets\": [{\"maxMacs\": \"0.6x\"}, {\"maxMacs\": \"0.01x\"}]}");
        texts.put("impossible-latency", "{" + sn + ", \"targets\": [{\"maxLatencyMs\": 0.0001, \"latencyTable\": "
                + quoted(table) + "}]}");
        texts.put("table-of-another-head", "{" + sn + ", \"targets\": [{\"maxLatencyMs\": 100, \"latencyTable\": "
                + quoted(classifierTable) + "}]}");
        texts.put("latency-without-source", "{" + sn + ", \"targets\": [{\"maxLatencyMs\": 10}]}");
        texts.put("window-upside-down", "{" + sn + ", \"targets\": [{\"maxLatencyMs\": 10, \"minLatencyMs\": 20, "
                + "\"device\": \"cpu\"}]}");
        texts.put("bad-devices", "{" + sn + ", \"devices\": \"cpu*0\", \"targets\": [{\"maxMacs\": \"0.6x\"}]}");
        texts.put("same-names", "{" + sn + ", \"targets\": [{\"maxMacs\": \"0.6x\", \"name\": \"a\"}, "
                + "{\"maxMacs\": \"0.5x\", \"name\": \"a\"}]}");
        texts.put("no-targets", "{" + sn + ", \"targets\": []}");
        texts.put("no-budget", "{" + sn + ", \"targets\": [{\"name\": \"x\"}]}");
        for (Map.Entry<String, String> e : texts.entrySet()) {
            jobs.put(e.getKey(), Files.writeString(folder.resolve(e.getKey() + ".json"), e.getValue()).toString());
        }
    }

    private static String quoted(String path) {
        return "\"" + path.replace("\\", "\\\\") + "\"";
    }

    private static List<Case> cases() {
        String out = blocked.toString();
        String cache = dir.resolve("cache").toString();
        List<Case> c = new ArrayList<>();
        // macs
        c.add(new Case("missing file", "missing.json", "macs", "--config", missing));
        c.add(new Case("directory", "a-folder", "macs", "--config", folder));
        c.add(new Case("malformed JSON", "malformed.json", "macs", "--config", malformed));
        c.add(new Case("config for another arch", "swin_micro", "macs", "--arch", "swin_micro", "--config", swinTConfig));
        // forward
        c.add(new Case("missing file", "missing", "forward", "--weights", missing, "--input", input, "--output",
                dir.resolve("f1.safetensors").toString()));
        c.add(new Case("directory", "a-folder", "forward", "--weights", folder, "--input", input, "--output",
                dir.resolve("f2.safetensors").toString()));
        c.add(new Case("malformed JSON", "malformed.json", "forward", "--weights", otherWeights, "--input", input,
                "--config", malformed, "--output", dir.resolve("f3.safetensors").toString()));
        c.add(new Case("config for another arch", "stage", "forward", "--weights", otherWeights, "--input", input,
                "--config", swinTConfig, "--output", dir.resolve("f4.safetensors").toString()));
        c.add(new Case("weights for another arch", "swin_t", "forward", "--arch", "swin_t", "--weights", otherWeights,
                "--input", input, "--output", dir.resolve("f5.safetensors").toString()));
        c.add(new Case("unwritable output", "a-file", "forward", "--weights", otherWeights, "--input", input, "--output",
                out));
        // bench
        c.add(new Case("missing file", "missing.json", "bench", "--resolution", "64", "--config", missing));
        c.add(new Case("directory", "a-folder", "bench", "--resolution", "64", "--config", folder));
        c.add(new Case("malformed JSON", "malformed.json", "bench", "--resolution", "64", "--config", malformed));
        c.add(new Case("config for another arch", "swin_micro", "bench", "--arch", "swin_micro", "--resolution", "64",
                "--config", swinTConfig));
        c.add(new Case("weights for another arch", "", "bench", "--arch", "swin_micro", "--resolution", "64",
                "--weights", otherWeights, "--runs", "1"));
        // train-supernet and finetune
        c.add(new Case("missing file", "missing", "train-supernet", "--weights", missing, "--out",
                dir.resolve("t1").toString()));
        c.add(new Case("weights for another arch", "", "train-supernet", "--arch", "swin_micro", "--weights", otherWeights,
                "--out", dir.resolve("t2").toString()));
        c.add(new Case("unwritable output", "a-file", "train-supernet", "--out", out));
        c.add(new Case("missing file", "missing.json", "finetune", "--config", missing, "--out",
                dir.resolve("t3").toString()));
        c.add(new Case("directory", "a-folder", "finetune", "--config", folder, "--out", dir.resolve("t4").toString()));
        c.add(new Case("malformed JSON", "malformed.json", "finetune", "--config", malformed, "--out",
                dir.resolve("t5").toString()));
        c.add(new Case("config for another arch", "swin_micro", "finetune", "--config", swinTConfig, "--out",
                dir.resolve("t6").toString()));
        c.add(new Case("unwritable output", "a-file", "finetune", "--config", microConfig, "--out", out));
        // evaluate
        c.add(new Case("missing file", "missing", "evaluate", "--weights", missing));
        c.add(new Case("directory", "a-folder", "evaluate", "--weights", folder));
        c.add(new Case("malformed JSON", "malformed.json", "evaluate", "--weights", supernet, "--config", malformed));
        c.add(new Case("config for another arch", "stage", "evaluate", "--weights", supernet, "--config", swinTConfig));
        // search
        c.add(new Case("missing file", "missing", "search", "--weights", missing, "--max-macs", "0.6x", "--out",
                dir.resolve("s1").toString()));
        c.add(new Case("directory", "a-folder", "search", "--weights", supernet, "--max-macs", "0.6x",
                "--latency-table", folder, "--out", dir.resolve("s2").toString()));
        c.add(new Case("malformed JSON", "malformed.json", "search", "--weights", supernet, "--max-macs", "0.6x",
                "--latency-table", malformed, "--out", dir.resolve("s3").toString()));
        c.add(new Case("impossible budget", "0.01", "search", "--weights", supernet, "--max-macs", "0.01x", "--out",
                dir.resolve("s4").toString(), "--cache-dir", cache));
        c.add(new Case("impossible budget", "ms", "search", "--weights", supernet, "--latency-table", table,
                "--max-latency-ms", "0.0001", "--out", dir.resolve("s5").toString(), "--cache-dir", cache));
        c.add(new Case("weights for another arch", "swin_t", "search", "--weights", supernet, "--arch", "swin_t",
                "--max-macs", "0.6x", "--out", dir.resolve("s6").toString(), "--cache-dir", cache));
        c.add(new Case("unwritable output", "a-file", "search", "--weights", supernet, "--max-macs", "0.6x", "--out",
                out));
        // profile
        c.add(new Case("missing file", "missing.json", "profile", "--table", missing, "--random", "1"));
        c.add(new Case("directory", "a-folder", "profile", "--table", folder, "--random", "1"));
        c.add(new Case("malformed JSON", "malformed.json", "profile", "--table", malformed, "--random", "1"));
        c.add(new Case("config for another arch", "swin_micro", "profile", "--table", table, "--config", swinTConfig));
        c.add(new Case("unwritable output", "a-file", "profile", "--build-table", "--arch", "swin_micro", "--out", out));
        c.add(new Case("table of another head", "classification", "search", "--weights", supernet, "--latency-table",
                classifierTable, "--max-latency-ms", "100", "--out", dir.resolve("s6").toString()));
        c.add(new Case("impossible precision", "bf16", "bench", "--arch", "swin_micro", "--resolution", "64", "--dtype",
                "bf16"));
        c.add(new Case("unknown precision", "f8", "evaluate", "--weights", supernet, "--dtype", "f8"));
        c.add(new Case("latency without a source", "--latency measure", "search", "--weights", supernet,
                "--max-latency-ms", "10", "--out", dir.resolve("s7").toString()));
        c.add(new Case("measure with a table", "--latency measure", "search", "--weights", supernet, "--latency",
                "measure", "--latency-table", table, "--max-latency-ms", "10", "--out", dir.resolve("s8").toString()));
        // visualize
        c.add(new Case("missing file", "missing.json", "visualize", "--weights", supernet, "--image", missing, "--out",
                dir.resolve("v1.png").toString()));
        c.add(new Case("directory", "a-folder", "visualize", "--weights", supernet, "--image", folder, "--out",
                dir.resolve("v2.png").toString()));
        c.add(new Case("malformed JSON", "malformed.json", "visualize", "--weights", supernet, "--image", image,
                "--config", malformed, "--out", dir.resolve("v3.png").toString()));
        c.add(new Case("config for another arch", "stage", "visualize", "--weights", supernet, "--image", image,
                "--config", swinTConfig, "--out", dir.resolve("v4.png").toString()));
        c.add(new Case("unwritable output", "a-file", "visualize", "--weights", supernet, "--image", image, "--out",
                out));
        // export
        c.add(new Case("missing file", "missing", "export", "--weights", missing, "--out", dir.resolve("x1").toString()));
        c.add(new Case("directory", "a-folder", "export", "--weights", folder, "--out", dir.resolve("x2").toString()));
        c.add(new Case("malformed JSON", "malformed.json", "export", "--weights", supernet, "--config", malformed,
                "--out", dir.resolve("x3").toString()));
        c.add(new Case("config for another arch", "stage", "export", "--weights", supernet, "--config", swinTConfig,
                "--out", dir.resolve("x4").toString()));
        c.add(new Case("unwritable output", "a-file", "export", "--weights", supernet, "--out", out));
        // report
        c.add(new Case("missing file", "missing-run", "report", dir.resolve("missing-run").toString()));
        c.add(new Case("directory without the files", "best.json", "report", folder));
        c.add(new Case("malformed JSON", "best.json", "report", badRun.toString()));
        c.add(new Case("a file instead of a folder", "malformed.json", "report", malformed));
        // batch: a bad job file is one line naming the field, and nothing is run or written
        c.add(new Case("missing file", "missing.json", "batch", missing));
        c.add(new Case("directory", "a-folder", "batch", folder));
        c.add(new Case("malformed JSON", "malformed.json", "batch", malformed));
        c.add(new Case("unwritable output", "a-file", "batch", jobs.get("good"), "--out", out));
        c.add(new Case("unknown key", "field \"generations\"", "batch", jobs.get("unknown-key")));
        c.add(new Case("unknown key of a target", "unknown field \"targets[1].maxMac\"; the keys here are", "batch", jobs.get("unknown-target-key")));
        c.add(new Case("wrong type", "\"search.population\" must be a whole number, found the string \"many\"", "batch",
                jobs.get("wrong-type")));
        c.add(new Case("number for text", "\"targets[0].maxMacs\" must be a string, found the number 0.5", "batch",
                jobs.get("number-for-text")));
        c.add(new Case("no checkpoint", "field \"checkpoint\"", "batch", jobs.get("no-checkpoint-key")));
        c.add(new Case("missing checkpoint", "field \"checkpoint\"", "batch", jobs.get("missing-checkpoint")));
        c.add(new Case("missing table", "field \"targets[0].latencyTable\"", "batch", jobs.get("missing-table")));
        c.add(new Case("impossible budget", "field \"targets[1].maxMacs\"", "batch", jobs.get("impossible-macs"),
                "--cache-dir", cache));
        c.add(new Case("impossible budget", "field \"targets[0]\"", "batch", jobs.get("impossible-latency"),
                "--threads", "1"));
        c.add(new Case("table of another head", "field \"targets[0].latencyTable\"", "batch",
                jobs.get("table-of-another-head"), "--threads", "1"));
        c.add(new Case("latency without a source", "field \"targets[0]\"", "batch", jobs.get("latency-without-source")));
        c.add(new Case("latency window upside down", "field \"targets[0].minLatencyMs\"", "batch",
                jobs.get("window-upside-down")));
        c.add(new Case("bad devices", "field \"devices\"", "batch", jobs.get("bad-devices")));
        c.add(new Case("bad --devices", "--devices gpu:x", "batch", jobs.get("good"), "--devices", "gpu:x"));
        c.add(new Case("two targets of one name", "field \"targets[1].name\"", "batch", jobs.get("same-names")));
        c.add(new Case("no targets", "field \"targets\"", "batch", jobs.get("no-targets")));
        c.add(new Case("a target without a budget", "field \"targets[0]\"", "batch", jobs.get("no-budget")));
        c.add(new Case("job file and --resume", "not both", "batch", jobs.get("good"), "--resume", folder));
        c.add(new Case("not a job folder", "job-inputs.json", "batch", "--resume", folder));
        // ablate
        c.add(new Case("missing file", "missing.json", "ablate", "--latency-table", missing, "--out",
                dir.resolve("a1").toString()));
        c.add(new Case("directory", "a-folder", "ablate", "--latency-table", folder, "--out",
                dir.resolve("a2").toString()));
        c.add(new Case("malformed JSON", "malformed.json", "ablate", "--latency-table", malformed, "--out",
                dir.resolve("a3").toString()));
        c.add(new Case("impossible budget", "0.01", "ablate", "--budgets", "0.5,0.01", "--out",
                dir.resolve("a4").toString()));
        c.add(new Case("impossible budget", "ms", "ablate", "--resolution", "64", "--latency-table", table, "--budgets",
                "0.00001", "--out", dir.resolve("a5").toString()));
        c.add(new Case("unwritable output", "a-file", "ablate", "--out", out));
        // demo
        c.add(new Case("impossible budget", "0.01", "demo", "--max-macs", "0.01x", "--out", dir.resolve("d1").toString()));
        c.add(new Case("unwritable output", "a-file", "demo", "--out", out));
        return c;
    }

    @Test
    void everyCommandStopsWithOneLineExitTwoAndNoOutput() throws IOException {
        List<String> failures = new ArrayList<>();
        for (Case c : cases()) {
            List<Path> before = listing();
            CliRunner.Result r = CliRunner.run(c.args());
            String what = c.kind() + ": sparsevit " + String.join(" ", c.args());
            List<String> lines = r.err().strip().lines().filter(l -> l.startsWith("sparsevit:")).toList();
            if (r.exit() != 2) {
                failures.add(what + " exited " + r.exit() + ": " + r.err().strip());
            } else if (lines.size() != 1 || !lines.get(0).contains(c.mentions())) {
                failures.add(what + " printed " + lines);
            }
            List<Path> after = listing();
            after.removeAll(before);
            after.removeIf(p -> p.startsWith(dir.resolve("cache")));
            if (!after.isEmpty()) {
                failures.add(what + " left " + after);
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + cases().size() + " cases failed:\n"
                + String.join("\n", failures));
        assertFalse(Files.exists(blocked));
    }

    private static List<Path> listing() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return new ArrayList<>(files.toList());
        }
    }
}
