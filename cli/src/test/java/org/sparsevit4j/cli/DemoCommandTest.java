package org.sparsevit4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sparsevit demo} end to end on a tiny benchmark, into a folder that does not exist yet. */
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void theFinalTableComparesTheChoiceWithEachAlternativeAtItsMacs() throws Exception {
        Path out = dir.resolve("runs").resolve("demo");
        CliRunner.Result r = CliRunner.run("demo", "--out", out.toString(), "--resolution", "64", "--train-steps", "2",
                "--finetune-steps", "1", "--generations", "1", "--population", "4", "--synthetic-images", "40",
                "--synthetic-val", "4", "--threads", "1");
        assertEquals(0, r.exit(), r.err());

        JsonNode rows = new ObjectMapper().readTree(out.resolve("demo-summary.json").toFile()).get("rows");
        List<String> names = new ArrayList<>();
        rows.forEach(row -> names.add(row.get("model").asText()));
        assertEquals(List.of("dense (supernet)", "chosen (supernet)", "chosen (fine-tuned)"), names.subList(0, 3));
        assertTrue(names.get(3).startsWith("best uniform "), names.toString());
        assertEquals("random search's best", names.get(4));
        double chosen = rows.get(1).get("mac_fraction").asDouble();
        assertTrue(chosen <= 0.6, "within the demo's budget: " + chosen);
        // the alternatives are given no more MACs than the chosen configuration; at 64x64 no smaller input does
        // cost less (the last stages' padded windows cost the same), so the downsampled one is the smallest, a patch,
        // and says that it costs more
        assertTrue(rows.get(3).get("mac_fraction").asDouble() <= chosen || names.get(3).equals("best uniform 0.8"),
                rows.get(3).toString());
        assertEquals("dense at 4x4 (over the MACs)", names.get(5));
        assertTrue(r.out().contains("random search's best"), r.out());
    }
}
