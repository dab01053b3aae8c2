package org.sparsevit4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SparsityConfigJsonTest {

    private static final ArchitectureSpec SWIN_T = ArchitectureSpec.preset("swin_t");
    private static final SparsityConfig EXAMPLE =
            SparsityConfig.ofLevels(new int[][] {{3, 3}, {0, 0}, {1, 1, 2, 2, 2, 2}, {0, 0}});

    @TempDir
    Path dir;

    @Test
    void parsesTheReferenceShape() {
        SparsityConfig config = SparsityConfigJson.parse(
                "{\"ratios\": [[0.3,0.3],[0,0],[0.1,0.1,0.2,0.2,0.2,0.2],[0,0]]}", "x.json");
        assertEquals(EXAMPLE, config);
    }

    @Test
    void readsTheRatiosOfAResultRecordAndStillChecksThem() {
        String best = "{\"feasible\": true, \"metric\": 0.71, \"provenance\": {\"seed\": 3}, "
                + "\"ratios\": [[0.3,0.3],[0,0],[0.1,0.1,0.2,0.2,0.2,0.2],[0,0]]}";
        assertEquals(EXAMPLE, SparsityConfigJson.parse(best, "best.json"));
        var e = assertThrows(InvalidInputException.class, () -> SparsityConfigJson.parse(
                "{\"provenance\": {}, \"ratios\": [[0.4, 0.3]]}", "best.json"));
        assertTrue(e.getMessage().startsWith("best.json: stage 0 block 1: ratio 0.3 is below the previous 0.4"),
                e.getMessage());
        var missing = assertThrows(InvalidInputException.class, () -> SparsityConfigJson.parse(
                "{\"provenance\": {}, \"ratio\": [[0.4]]}", "best.json"));
        assertTrue(missing.getMessage().startsWith("best.json: missing field \"ratios\""), missing.getMessage());
    }

    @Test
    void acceptsIntegersExponentsAndAByteOrderMark() {
        SparsityConfig config = SparsityConfigJson.parse("\uFEFF{\"ratios\": [[0, 3e-1, 0.30], [8E-1]]}", "x.json");
        assertEquals(SparsityConfig.ofLevels(new int[][] {{0, 3, 3}, {8}}), config);
    }

    @Test
    void toJsonIsPrettyAndStable() {
        String expected = """
                {
                  "ratios": [
                    [0.3, 0.3],
                    [0, 0],
                    [0.1, 0.1, 0.2, 0.2, 0.2, 0.2],
                    [0, 0]
                  ]
                }
                """;
        assertEquals(expected, SparsityConfigJson.toJson(EXAMPLE));
        assertEquals(expected, SparsityConfigJson.toJson(SparsityConfig.ofRatios(EXAMPLE.ratios())));
    }

    static Stream<SparsityConfig> roundTrips() {
        return Stream.of(
                EXAMPLE,
                SparsityConfig.dense(SWIN_T),
                SparsityConfig.uniform(ArchitectureSpec.preset("swin_b"), 0.8),
                SparsityConfig.ofLevels(new int[][] {{0, 1, 2, 3, 4, 5, 6, 7, 8}}));
    }

    @ParameterizedTest
    @MethodSource
    void roundTrips(SparsityConfig config) {
        Path file = dir.resolve("best.json");
        SparsityConfigJson.write(config, file);
        assertEquals(config, SparsityConfigJson.read(file));
        assertEquals(config, SparsityConfigJson.parse(SparsityConfigJson.toJson(config), "mem"));
    }

    @Test
    void writeReplacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("best.json");
        Files.writeString(file, "old content that is longer than the new config, to catch a missing truncate"
                .repeat(10));
        SparsityConfigJson.write(EXAMPLE, file);
        assertEquals(SparsityConfigJson.toJson(EXAMPLE), Files.readString(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void writeCreatesMissingDirectories() {
        Path file = dir.resolve("runs/a/best.json");
        SparsityConfigJson.write(EXAMPLE, file);
        assertEquals(EXAMPLE, SparsityConfigJson.read(file, SWIN_T));
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        // The target is a non-empty directory, so the final rename fails after the temp file exists.
        Path target = dir.resolve("best.json");
        Files.createDirectories(target.resolve("inside"));
        var e = assertThrows(InvalidInputException.class, () -> SparsityConfigJson.write(EXAMPLE, target));
        assertTrue(e.getMessage().startsWith(target + ": cannot write: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
    }

    static Stream<Arguments> invalidJson() {
        String allowed = "one of 0.0, 0.1, ..., 0.8";
        return Stream.of(
                Arguments.of("", "cfg.json: is empty; expected {\"ratios\": [[0.3,0.3],[0,0],[0.1,0.1,0.2,0.2,0.2,0.2],[0,0]]}"),
                Arguments.of(" \n\t", "cfg.json: is empty; expected {\"ratios\": [[0.3,0.3],[0,0],[0.1,0.1,0.2,0.2,0.2,0.2],[0,0]]}"),
                Arguments.of("[[0.3,0.3]]", "cfg.json: expected a JSON object like {\"ratios\": [[0.3,0.3],[0,0],"
                        + "[0.1,0.1,0.2,0.2,0.2,0.2],[0,0]]}, found a list"),
                Arguments.of("null", "cfg.json: expected a JSON object like {\"ratios\": [[0.3,0.3],[0,0],"
                        + "[0.1,0.1,0.2,0.2,0.2,0.2],[0,0]]}, found null"),
                Arguments.of("{}", "cfg.json: missing field \"ratios\"; expected {\"ratios\": [[0.3,0.3],[0,0],"
                        + "[0.1,0.1,0.2,0.2,0.2,0.2],[0,0]]}"),
                Arguments.of("{\"ratios\": [[0]], \"arch\": \"swin_t\"}",
                        "cfg.json: unknown field \"arch\"; the only field is \"ratios\""),
                Arguments.of("{\"pruning_ratios\": [[0]]}",
                        "cfg.json: unknown field \"pruning_ratios\"; the only field is \"ratios\""),
                Arguments.of("{\"ratios\": null}",
                        "cfg.json: \"ratios\" must be a list with one list of numbers per stage, found null"),
                Arguments.of("{\"ratios\": \"[[0.3]]\"}",
                        "cfg.json: \"ratios\" must be a list with one list of numbers per stage, found the string \"[[0.3]]\""),
                Arguments.of("{\"ratios\": [0.3, 0.3]}",
                        "cfg.json: stage 0 must be a list of numbers, one per block, found the number 0.3"),
                Arguments.of("{\"ratios\": [[0], [[0.1]]]}",
                        "cfg.json: stage 1 block 0: expected a number (" + allowed + "), found a list"),
                Arguments.of("{\"ratios\": [[0], [0.1, \"0.3\"]]}",
                        "cfg.json: stage 1 block 1: expected a number (" + allowed + "), found the string \"0.3\""),
                Arguments.of("{\"ratios\": [[0, null]]}",
                        "cfg.json: stage 0 block 1: expected a number (" + allowed + "), found null"),
                Arguments.of("{\"ratios\": [[true]]}",
                        "cfg.json: stage 0 block 0: expected a number (" + allowed + "), found the boolean true"),
                Arguments.of("{\"ratios\": [[0], [0], [0.1, NaN]]}",
                        "cfg.json: stage 2 block 1: ratio NaN is not " + allowed),
                Arguments.of("{\"ratios\": [[0], [0.25]]}",
                        "cfg.json: stage 1 block 0: ratio 0.25 is not " + allowed),
                Arguments.of("{\"ratios\": [[0.9]]}",
                        "cfg.json: stage 0 block 0: ratio 0.9 is not " + allowed),
                Arguments.of("{\"ratios\": [[-0.1]]}",
                        "cfg.json: stage 0 block 0: ratio -0.1 is not " + allowed),
                Arguments.of("{\"ratios\": [[0.1, 0.1, 0.4, 0.3]]}",
                        "cfg.json: stage 0 block 3: ratio 0.3 is below the previous 0.4; ratios must not decrease within a stage"),
                Arguments.of("{\"ratios\": []}",
                        "cfg.json: config has no stages; it needs one list of ratios per stage"),
                Arguments.of("{\"ratios\": [[0.3], []]}",
                        "cfg.json: stage 1 has no ratios; every stage needs one per block"));
    }

    @ParameterizedTest
    @MethodSource
    void invalidJson(String json, String message) {
        var e = assertThrows(InvalidInputException.class, () -> SparsityConfigJson.parse(json, "cfg.json"));
        assertEquals(message, e.getMessage());
    }

    static Stream<Arguments> malformedJson() {
        return Stream.of(
                Arguments.of("{\"ratios\": [[0.3, 0.3]", "at line 1 column"),
                Arguments.of("{\"ratios\": [[0.3]]} {}", "at line 1 column"),
                Arguments.of("{\"ratios\": [[0.3]],\n \"ratios\": [[0.3]]}", "at line 2 column"),
                Arguments.of("{\n  \"ratios\": [[0.3,\n   0.3,]]\n}", "at line 3 column"),
                Arguments.of("{ratios: [[0.3]]}", "at line 1 column"),
                Arguments.of("{\"ratios\": [['0.3']]}", "at line 1 column"));
    }

    @ParameterizedTest
    @MethodSource("malformedJson")
    void malformedJsonIsOneLineNamingTheSourceAndPosition(String json, String position) {
        var e = assertThrows(InvalidInputException.class, () -> SparsityConfigJson.parse(json, "cfg.json"));
        assertTrue(e.getMessage().startsWith("cfg.json: invalid JSON " + position), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.getMessage().contains("Source:"), e.getMessage());
    }

    @Test
    void errorsInAFileStartWithItsPathAndAreOneLine() throws IOException {
        Path file = dir.resolve("cfg.json");
        Files.writeString(file, "{\n  \"ratios\": [[0.3, 0.2]]\n}\n");
        var e = assertThrows(InvalidInputException.class, () -> SparsityConfigJson.read(file));
        assertEquals(file + ": stage 0 block 1: ratio 0.2 is below the previous 0.3; "
                + "ratios must not decrease within a stage", e.getMessage());
    }

    @Test
    void anEmptyFileIsRejected() throws IOException {
        Path file = dir.resolve("empty.json");
        Files.createFile(file);
        var e = assertThrows(InvalidInputException.class, () -> SparsityConfigJson.read(file));
        assertTrue(e.getMessage().startsWith(file + ": is empty; expected {\"ratios\""), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("nope.json");
        var e = assertThrows(InvalidInputException.class, () -> SparsityConfigJson.read(file));
        assertEquals(file + ": no such file", e.getMessage());
    }

    @Test
    void aDirectoryIsNotAConfig() {
        var e = assertThrows(InvalidInputException.class, () -> SparsityConfigJson.read(dir));
        assertEquals(dir + ": is a directory, not a file", e.getMessage());
    }

    @Test
    void aFileThatIsNotUtf8IsRejected() throws IOException {
        Path file = dir.resolve("latin1.json");
        Files.write(file, "{\"ratios\": [[0]]} \u00e9".getBytes(StandardCharsets.ISO_8859_1));
        var e = assertThrows(InvalidInputException.class, () -> SparsityConfigJson.read(file));
        assertEquals(file + ": is not UTF-8 text", e.getMessage());
    }

    static Stream<Arguments> readForArchitecture() {
        return Stream.of(
                Arguments.of("{\"ratios\": [[0,0],[0,0],[0,0,0,0,0,0]]}", "config has 3 stages but swin_t has 4"),
                Arguments.of("{\"ratios\": [[0,0],[0,0],[0,0,0,0,0],[0,0]]}",
                        "stage 2 has 5 ratios but swin_t has 6 blocks there"));
    }

    @ParameterizedTest
    @MethodSource
    void readForArchitecture(String json, String message) throws IOException {
        Path file = dir.resolve("cfg.json");
        Files.writeString(file, json);
        var e = assertThrows(InvalidInputException.class, () -> SparsityConfigJson.read(file, SWIN_T));
        assertEquals(file + ": " + message, e.getMessage());
    }
}
