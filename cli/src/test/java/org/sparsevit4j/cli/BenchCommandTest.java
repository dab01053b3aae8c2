package org.sparsevit4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.MacCounter;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SparsityConfigJson;

/** {@code sparsevit bench} on a small input: the report's shape and its MAC columns, not its timings. */
class BenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void jsonRowsCoverDenseUniformAndGivenConfigs() throws Exception {
        Path cfg = Files.writeString(dir.resolve("mine.json"),
                "{\"ratios\": [[0.6,0.6],[0,0],[0.2,0.2,0.4,0.4,0.5,0.5],[0,0]]}");
        CliRunner.Result r = CliRunner.run("bench", "--arch", "swin_t", "--resolution", "64x96", "--runs", "2",
                "--warmup", "1", "--threads", "1", "--config", cfg.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode rows = new ObjectMapper().readTree(r.out());
        List<String> names = new ArrayList<>();
        rows.forEach(row -> names.add(row.get("name").asText()));
        assertEquals(List.of("dense", "uniform 0.3", "uniform 0.6", "uniform 0.8", "mine.json"), names);
        ArchitectureSpec swinT = ArchitectureSpec.preset("swin_t");
        long dense = MacCounter.count(swinT, 64, 96, SparsityConfig.dense(swinT)).backbone();
        for (JsonNode row : rows) {
            SparsityConfig config = SparsityConfigJson.parse(
                    "{\"ratios\": " + row.get("ratios").toString() + "}", "row");
            long macs = MacCounter.count(swinT, 64, 96, config).backbone();
            assertEquals(macs, row.get("macs").asLong());
            assertEquals((double) macs / dense, row.get("mac_fraction").asDouble(), 1e-12);
            assertTrue(row.get("latency_ms_median").asDouble() > 0);
            assertTrue(row.get("latency_ms_min").asDouble() <= row.get("latency_ms_median").asDouble());
            assertEquals(2, row.get("runs").asInt());
        }
        assertEquals(1.0, rows.get(0).get("latency_fraction").asDouble(), 1e-12);
    }

    @Test
    void noUniformLeavesOnlyDenseAndTheTextTableHasARowEach() {
        CliRunner.Result r = CliRunner.run("bench", "--resolution", "64", "--runs", "1", "--warmup", "0",
                "--no-uniform");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().strip().lines().toList();
        assertEquals(2, lines.size(), r.out());
        assertTrue(lines.get(1).startsWith("dense"), r.out());
    }

    @Test
    void impossibleSettingsExitTwo() {
        for (String[] args : new String[][] {
            {"bench", "--runs", "0", "--resolution", "64"},
            {"bench", "--batch", "0", "--resolution", "64"},
            {"bench", "--threads", "0", "--resolution", "64"},
            {"bench", "--resolution", "2"},
        }) {
            CliRunner.Result r = CliRunner.run(args);
            assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }
}
