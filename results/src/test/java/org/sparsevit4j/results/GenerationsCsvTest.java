package org.sparsevit4j.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.core.InvalidInputException;

class GenerationsCsvTest {

    @TempDir
    Path tmp;

    @Test
    void columnsAreFoundByNameSoLaterColumnsDoNotMatter() throws IOException {
        Path file = Files.writeString(tmp.resolve("generations.csv"), """
                generation,best_metric,best_macs,best_latency_ms,feasible_rate,draw_attempts,unique_evaluations,hypervolume,front_size,later
                0,0.5,100,,1.0,10,10,0.25,3,x
                1,0.75,90,,0.5,20,18,0.5,4,y
                """);
        assertEquals(List.of(new GenerationRow(0, 0.5, 0.25, 3, 10), new GenerationRow(1, 0.75, 0.5, 4, 18)),
                GenerationsCsv.read(file));
    }

    @Test
    void aBadCellNamesTheFileAndWhere() throws IOException {
        String header = "generation,best_metric,best_macs,best_latency_ms,feasible_rate,draw_attempts,"
                + "unique_evaluations,hypervolume,front_size\n";
        Path file = Files.writeString(tmp.resolve("generations.csv"), header + "0,0.5,100,,1.0,10,10,NaN,3\n");
        var e = assertThrows(InvalidInputException.class, () -> GenerationsCsv.read(file));
        assertEquals(file + ": generation 0: hypervolume NaN is not a finite number", e.getMessage());
        Path noColumn = Files.writeString(tmp.resolve("other.csv"), "generation,best_metric\n0,0.5\n");
        var missing = assertThrows(InvalidInputException.class, () -> GenerationsCsv.read(noColumn));
        assertTrue(missing.getMessage().startsWith(noColumn + ": line ") && missing.getMessage().contains("best_macs"),
                missing.getMessage());
        Path word = Files.writeString(tmp.resolve("word.csv"), header + "0,half,100,,1.0,10,10,0.5,3\n");
        var bad = assertThrows(InvalidInputException.class, () -> GenerationsCsv.read(word));
        assertTrue(bad.getMessage().startsWith(word + ": line 2") && bad.getMessage().contains("half"),
                bad.getMessage());
    }
}
