package org.sparsevit4j.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.TextFiles;

/**
 * Reads {@code generations.csv}. Columns are found by their header names, so columns a later
 * version appends do not break the report; each error names the file, the line and the column.
 */
final class GenerationsCsv {

    private static final List<String> NEEDED =
            List.of("generation", "best_metric", "hypervolume", "front_size", "unique_evaluations");

    private GenerationsCsv() {
    }

    static List<GenerationRow> read(Path file) {
        List<String> lines = TextFiles.readUtf8(file).lines().toList();
        if (lines.isEmpty()) {
            throw new InvalidInputException(file + ": is empty; expected a header line " + String.join(",", NEEDED) + ", ...");
        }
        List<String> header = Arrays.asList(lines.get(0).strip().split(",", -1));
        int[] column = new int[NEEDED.size()];
        for (int i = 0; i < NEEDED.size(); i++) {
            column[i] = header.indexOf(NEEDED.get(i));
            if (column[i] < 0) {
                throw new InvalidInputException(file + ": line 1: the header has no column \"" + NEEDED.get(i) + "\"");
            }
        }
        List<GenerationRow> rows = new ArrayList<>(lines.size() - 1);
        for (int n = 1; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            String[] cells = lines.get(n).strip().split(",", -1);
            if (cells.length != header.size()) {
                throw new InvalidInputException(file + ": line " + (n + 1) + ": " + cells.length + " cells, but the header has "
                        + header.size());
            }
            rows.add(new GenerationRow((int) cell(file, n, cells, column[0], NEEDED.get(0)),
                    cell(file, n, cells, column[1], NEEDED.get(1)), cell(file, n, cells, column[2], NEEDED.get(2)),
                    (int) cell(file, n, cells, column[3], NEEDED.get(3)),
                    (int) cell(file, n, cells, column[4], NEEDED.get(4))));
        }
        return rows;
    }

    private static double cell(Path file, int line, String[] cells, int column, String name) {
        try {
            double value = Double.parseDouble(cells[column]);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the line and column
        }
        throw new InvalidInputException(file + ": line " + (line + 1) + ": " + name + " \"" + cells[column]
                + "\" is not a finite number");
    }
}
