package org.sparsevit4j.results;

import java.nio.file.Path;
import java.util.List;
import org.sparsevit4j.core.Csv;
import org.sparsevit4j.core.InvalidInputException;

/**
 * Reads {@code generations.csv} as the search wrote it ({@link org.sparsevit4j.search.GenerationRow}),
 * keeping what the report draws. Columns are found by their header names, so columns a later
 * version appends do not break the report; a missing column or a bad cell names the file and the
 * line, a metric or hypervolume that is not finite the generation.
 */
final class GenerationsCsv {

    private GenerationsCsv() {
    }

    static List<GenerationRow> read(Path file) {
        return Csv.read(file, org.sparsevit4j.search.GenerationRow.class).stream().map(r -> {
            requireFinite(file, r.generation(), "best_metric", r.bestMetric());
            requireFinite(file, r.generation(), "hypervolume", r.hypervolume());
            return new GenerationRow(r.generation(), r.bestMetric(), r.hypervolume(), r.frontSize(),
                    r.uniqueEvaluations());
        }).toList();
    }

    private static void requireFinite(Path file, int generation, String column, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidInputException(file + ": generation " + generation + ": " + column + " " + value
                    + " is not a finite number");
        }
    }
}
