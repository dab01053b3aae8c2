package org.sparsevit4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SparsityConfigJson;
import org.sparsevit4j.profiler.LatencyTable;
import org.sparsevit4j.profiler.LatencyTableJson;

/** {@code sparsevit profile}: building a table, measuring beside its predictions, and its refusals. */
class ProfileCommandTest {

    private static final ArchitectureSpec MICRO = ArchitectureSpec.preset("swin_micro");

    @TempDir
    static Path shared;

    private static Path table;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildTable() {
        table = shared.resolve("micro-64.json");
        CliRunner.Result r = CliRunner.run("profile", "--build-table", "--arch", "swin_micro", "--resolution", "64",
                "--runs", "2", "--warmup", "1", "--threads", "1", "--out", table.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("latency table written to " + table), r.out());
        assertEquals(9 + 3 + 2, r.out().strip().lines().count(), "a header, a check per uniform ratio, an anchor per "
                + "anchor ratio, the path: " + r.out());
    }

    @Test
    void theTableDescribesWhatItMeasured() {
        LatencyTable t = LatencyTableJson.read(table);
        assertEquals(MICRO.depths(), t.arch().depths());
        assertEquals(64, t.input().height());
        assertEquals(1, t.input().batch());
        assertEquals(1, t.fingerprint().intraOpThreads());
        assertEquals("cpu", t.fingerprint().deviceType());
        assertEquals(2, t.plan().runs());
    }

    @Test
    void measuredRowsCarryTheTablesPrediction() throws Exception {
        Path cfg = dir.resolve("mine.json");
        SparsityConfig mine = SparsityConfig.ofLevels(new int[][] {{2, 2}, {0, 5}, {1, 1}, {0, 0}});
        SparsityConfigJson.write(mine, cfg);
        CliRunner.Result r = CliRunner.run("profile", "--table", table.toString(), "--config", cfg.toString(),
                "--random", "3", "--seed", "5", "--runs", "2", "--warmup", "0", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode rows = new ObjectMapper().readTree(r.out());
        List<String> names = new ArrayList<>();
        rows.forEach(row -> names.add(row.get("name").asText()));
        assertEquals(List.of("dense", "mine.json", "random 1", "random 2", "random 3"), names);
        LatencyTable t = LatencyTableJson.read(table);
        for (JsonNode row : rows) {
            SparsityConfig c = SparsityConfigJson.parse("{\"ratios\": " + row.get("ratios") + "}", "row");
            double scale = row.get("latency_scale").asDouble();
            assertTrue(scale > 0.2 && scale < 5, "re-anchored by " + scale);
            assertEquals(t.latencyMs(c), row.get("predicted_ms_unanchored").asDouble(), 1e-9);
            assertEquals(scale * t.latencyMs(c), row.get("predicted_ms").asDouble(), 1e-9);
            double measured = row.get("measured_ms_median").asDouble();
            assertTrue(measured > 0);
            assertEquals((scale * t.latencyMs(c) - measured) / measured, row.get("relative_error").asDouble(), 1e-9);
            assertEquals(2, row.get("runs").asInt());
            assertEquals("PyTorch", row.get("fingerprint").get("engine").asText());
        }
        CliRunner.Result text = CliRunner.run("profile", "--table", table.toString(), "--random", "2", "--runs", "1",
                "--warmup", "0");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("table vs measured (re-anchored x"), text.out());
        assertTrue(text.out().contains("table as built, not re-anchored: median |error|"), text.out());
        CliRunner.Result asBuilt = CliRunner.run("profile", "--table", table.toString(), "--random", "1", "--runs", "1",
                "--warmup", "0", "--no-anchor");
        assertEquals(0, asBuilt.exit(), asBuilt.err());
        assertTrue(asBuilt.out().contains("table vs measured: median |error|"), asBuilt.out());
    }

    @Test
    void refusalsExitTwoWithOneLineAndWriteNothing() throws Exception {
        Path otherThreads = dir.resolve("other.json");
        Files.writeString(otherThreads, Files.readString(table).replace("\"intraOpThreads\" : 1",
                "\"intraOpThreads\" : 64"));
        Path missingFolder = dir.resolve("no/such/folder/t.json");
        List<String[]> cases = List.of(
                new String[] {"profile", "--table", otherThreads.toString(), "--random", "1"},
                new String[] {"profile", "--table", table.toString(), "--random", "1", "--resolution", "96"},
                new String[] {"profile", "--table", table.toString(), "--arch", "swin_t", "--random", "1"},
                new String[] {"profile", "--table", dir.toString(), "--random", "1"},
                new String[] {"profile", "--build-table", "--arch", "swin_micro", "--resolution", "64"},
                new String[] {"profile", "--build-table", "--arch", "swin_micro", "--out", missingFolder.toString()},
                new String[] {"profile", "--build-table", "--arch", "swin_micro", "--out", dir.toString()},
                new String[] {"profile", "--random", "0"},
                new String[] {"profile"},
                new String[] {"profile", "--device", "tpu", "--random", "1"});
        for (String[] args : cases) {
            CliRunner.Result r = CliRunner.run(args);
            assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().filter(l -> l.startsWith("sparsevit:")).count(), r.err());
        }
        assertTrue(CliRunner.run(cases.get(0)).err().contains("intra-op threads: 64 vs 1"));
        assertFalse(Files.exists(missingFolder));
    }
}
