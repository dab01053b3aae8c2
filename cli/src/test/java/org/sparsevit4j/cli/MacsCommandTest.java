package org.sparsevit4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MacsCommandTest {

    @TempDir
    Path dir;

    @Test
    void swinTAt672MatchesThePapersCount() throws Exception {
        CliRunner.Result r = CliRunner.run("macs", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(40_408_187_904L, json.get("macs").asLong());
        assertEquals(1.0, json.get("mac_fraction").asDouble());
        assertEquals(768_000L, json.get("head_macs").asLong());
    }

    @Test
    void referenceConfigIsAbout72PercentOfDense() throws Exception {
        Path cfg = Files.writeString(dir.resolve("ref.json"),
                "{\"ratios\": [[0.6,0.6],[0,0],[0.2,0.2,0.4,0.4,0.5,0.5],[0,0]]}");
        CliRunner.Result r = CliRunner.run("macs", "--arch", "swin_t", "--resolution", "672", "--config", cfg.toString(),
                "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(0.7196, new ObjectMapper().readTree(r.out()).get("mac_fraction").asDouble(), 1e-4);
        CliRunner.Result text = CliRunner.run("macs", "--config", cfg.toString());
        assertTrue(text.out().contains("72.0% of dense"), text.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "decreasing | {\"ratios\": [[0.6,0.5],[0,0],[0,0,0,0,0,0],[0,0]]} | stage 0 block 1: ratio 0.5 is below the previous 0.6",
        "off grid   | {\"ratios\": [[0.25,0.3],[0,0],[0,0,0,0,0,0],[0,0]]} | stage 0 block 0: ratio 0.25",
        "blocks     | {\"ratios\": [[0,0],[0,0],[0,0,0,0,0],[0,0]]} | stage 2",
        "empty      | '' | empty",
    })
    void badConfigIsOneLineAndExitTwo(String name, String content, String expected) throws Exception {
        Path cfg = Files.writeString(dir.resolve(name.strip() + ".json"), content);
        CliRunner.Result r = CliRunner.run("macs", "--config", cfg.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(expected), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void missingFileUnknownArchAndBadResolutionExitTwo() {
        for (String[] args : new String[][] {
            {"macs", "--config", dir.resolve("nope.json").toString()},
            {"macs", "--arch", "swin_x"},
            {"macs", "--resolution", "0"},
            {"macs", "--resolution", "12x"},
            {"macs", "--frobnicate"},
        }) {
            CliRunner.Result r = CliRunner.run(args);
            assertEquals(2, r.exit(), String.join(" ", args));
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("sparsevit: "), r.err());
        }
    }

    @Test
    void paddedResolutionsAreAccepted() throws Exception {
        CliRunner.Result r = CliRunner.run("macs", "--resolution", "256x192", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(256, json.get("height").asInt());
        assertEquals(192, json.get("width").asInt());
    }
}
