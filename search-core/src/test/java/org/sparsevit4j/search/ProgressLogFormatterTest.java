package org.sparsevit4j.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressLogFormatterTest {

    @Test
    void oneLinePerGeneration() {
        GenerationReport r = new GenerationReport(3, 20, 0.812345678, new CandidateCosts(25_103_000_000L, 41.2),
                0.375, 800, 412, 8.12344, 7);
        assertEquals("gen 3/20  best 0.81235 @ 25.103 GMACs 41.200 ms  feasible 37.5%  evals 412  hv 8.1234 (front 7)",
                ProgressLogFormatter.format(r));
        List<String> lines = new ArrayList<>();
        SearchListener listener = SearchListener.logTo(lines::add);
        listener.onGeneration(new GenerationReport(0, 5, 0.5, CandidateCosts.ofMacs(1_000_000_000L), 1, 100, 100, 0, 1));
        listener.onWarning("budget is loose");
        assertEquals(List.of("gen 0/5  best 0.50000 @ 1.000 GMACs  feasible 100.0%  evals 100  hv 0.0000 (front 1)",
                "warning: budget is loose"), lines);
    }
}
