package org.sparsevit4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sparsevit ablate} end to end on a tiny built-in dataset: both files, a resume, a refused change. */
class AblateCommandTest {

    @TempDir
    Path dir;

    private String[] args(Path out, String budgets) {
        return new String[] {"ablate", "--out", out.toString(), "--resolution", "64", "--synthetic-images", "40",
            "--synthetic-val", "8", "--train-steps", "2", "--batch", "2", "--budgets", budgets, "--seeds", "2",
            "--generations", "1", "--population", "4", "--eval-batch", "4", "--threads", "1"};
    }

    @Test
    void aTinyAblationWritesBothFilesResumesAndRefusesOtherSettings() throws Exception {
        Path out = dir.resolve("ablation");
        CliRunner.Result first = CliRunner.run(args(out, "0.5"));
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.err().contains("ablation step 6/6"), first.err());
        assertTrue(first.out().contains("| 0.5x MACs |"), first.out());
        assertTrue(first.out().contains("(c) evolutionary search beats random search"), first.out());

        JsonNode json = new ObjectMapper().readTree(out.resolve("ablation.json").toFile());
        assertEquals(1, json.get("format").asInt());
        assertEquals("miou", json.get("metricName").asText());
        assertEquals(9, json.get("curves").get("supernet").size());
        assertEquals(9, json.get("curves").get("denseTrained").size());
        JsonNode budget = json.get("budgets").get(0);
        assertEquals(2, budget.get("seeds").size());
        for (JsonNode seed : budget.get("seeds")) {
            assertTrue(seed.get("chosen").get("macFraction").asDouble() <= 0.5, seed.toString());
            assertTrue(seed.get("random").get("macFraction").asDouble() <= 0.5, seed.toString());
            // never more MACs than the chosen configuration, unless not even one patch fits under them (at 64x64
            // the last stages' padded windows cost the same at any smaller input)
            JsonNode down = seed.get("downsampled");
            assertTrue(down.get("macFraction").asDouble() <= seed.get("chosen").get("macFraction").asDouble()
                    || down.get("height").asInt() == 4, seed.toString());
            assertTrue(down.get("height").asInt() < 64, seed.toString());
        }
        assertTrue(budget.get("bestUniform").get("macFraction").asDouble() <= 0.5);
        assertEquals(2, budget.get("chosen").get("n").asInt());

        String html = Files.readString(out.resolve("ablation.html"));
        assertTrue(html.contains("<svg") && html.contains("(a) uniform sparsity"), "charts inline");
        assertFalse(html.contains("src=\"http") || html.contains("href=\"http"), "nothing fetched");

        // a second run continues from the folder: nothing is trained or searched again, the figures stay
        CliRunner.Result again = CliRunner.run(args(out, "0.5"));
        assertEquals(0, again.exit(), again.err());
        JsonNode second = new ObjectMapper().readTree(out.resolve("ablation.json").toFile());
        assertEquals(json.get("budgets"), second.get("budgets"));
        assertEquals(json.get("curves"), second.get("curves"));

        CliRunner.Result other = CliRunner.run(args(out, "0.4"));
        assertEquals(2, other.exit());
        assertTrue(other.err().contains("holds an ablation with other settings"), other.err());
    }

    @Test
    void aBudgetOutsideZeroToOneIsBadInput() {
        CliRunner.Result r = CliRunner.run(args(dir.resolve("bad"), "1.5"));
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("sparsevit: --budgets 1.5 must be a fraction of dense in (0, 1]"), r.err());
        assertFalse(Files.exists(dir.resolve("bad")), "nothing written");
    }
}
