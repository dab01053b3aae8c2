package org.sparsevit4j.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The project's CSV files through Jackson's CSV format: one record per row, its components (in
 * their {@code @JsonPropertyOrder}) the columns, a header line, fields quoted only where needed,
 * an empty cell for null, numbers in Java's shortest round-trip form. Reading finds columns by
 * their header names, so a file with columns a later version appends still reads; a missing
 * column or a cell of the wrong type is bad input naming the file, the line and the column.
 */
public final class Csv {

    private static final CsvMapper MAPPER = CsvMapper.builder()
            // quote a field only when it holds a comma, a quote or a line break (the default also quotes spaces)
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .enable(CsvParser.Feature.FAIL_ON_MISSING_HEADER_COLUMNS)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private Csv() {
    }

    /** {@code rows} as CSV text with a header line. */
    public static <T> String write(Class<T> type, List<T> rows) {
        CsvSchema schema = MAPPER.schemaFor(type);
        if (rows.isEmpty()) {
            // Jackson writes the header with the first row; a file without rows still names its columns
            return String.join(",", schema.getColumnNames()) + "\n";
        }
        try {
            return MAPPER.writer(schema.withHeader()).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + type.getSimpleName() + " rows as CSV", e);
        }
    }

    /** One row as a CSV line without the header: for a file appended to row by row. */
    public static <T> String row(Class<T> type, T row) {
        try {
            return MAPPER.writer(MAPPER.schemaFor(type).withoutHeader()).writeValueAsString(row);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a " + type.getSimpleName() + " row as CSV", e);
        }
    }

    /** Writes {@code rows} to {@code file} atomically. */
    public static <T> void write(Path file, Class<T> type, List<T> rows) {
        AtomicFiles.writeString(file, write(type, rows));
    }

    /** The rows of {@code file}, found by the header's column names. */
    public static <T> List<T> read(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": " + (Files.isDirectory(file) ? "is a directory" : "no such file"));
        }
        ObjectReader reader = MAPPER.readerFor(type).with(CsvSchema.emptySchema().withHeader());
        try (MappingIterator<T> rows = reader.readValues(file.toFile())) {
            return rows.readAll();
        } catch (JsonMappingException e) {
            throw new InvalidInputException(file + ": line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("").replaceAll(" \\(class [^)]*\\)", ""), e);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file + ": not valid CSV (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new MachineFailureException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
