package org.sparsevit4j.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.Json;

class ProvenanceFactsTest {

    private static JsonNode tree(String json) throws Exception {
        return Json.MAPPER.readTree(json);
    }

    @Test
    void readsWhatItShowsAndPassesOverTheRest() throws Exception {
        ProvenanceFacts p = ProvenanceFacts.of(tree("{\"seed\": 7, \"gpuCount\": 0, \"settings\": {\"population\": 12,"
                + " \"mutants\": 4, \"budget\": {\"maxMacs\": \"0.5x\", \"maxLatencyMs\": null}},"
                + " \"cpu\": {\"model\": \"EPYC\", \"logicalCores\": 2}}"), "best.json");
        assertEquals(7L, p.seed());
        assertEquals(12, p.settings().population());
        assertEquals("0.5x", p.settings().budget().maxMacs());
        assertNull(p.settings().budget().maxLatencyMs());
        assertEquals(2, p.cpu().logicalCores());
        // a batch job's shared provenance lacks what its targets do not share: absent reads as null
        assertNull(p.dataset());
        assertNull(p.denseMacs());
    }

    @Test
    void aFieldOfTheWrongTypeNamesTheFileAndTheField() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ProvenanceFacts.of(tree("{\"seed\": \"seven\"}"), "runs/s/best.json"));
        assertEquals("runs/s/best.json: \"seed\" must be a whole number, found the string \"seven\"", e.getMessage());
    }
}
