package org.sparsevit4j.supernet.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparsevit4j.supernet.io.RawFiles.assertInvalid;
import static org.sparsevit4j.supernet.io.RawFiles.concat;
import static org.sparsevit4j.supernet.io.RawFiles.f32;
import static org.sparsevit4j.supernet.io.RawFiles.f64;
import static org.sparsevit4j.supernet.io.RawFiles.i32;
import static org.sparsevit4j.supernet.io.RawFiles.i64;
import static org.sparsevit4j.supernet.io.RawFiles.u16;
import static org.sparsevit4j.supernet.io.RawFiles.u8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.core.InvalidInputException;

class SafetensorsReaderTest {

    @TempDir
    Path dir;

    /** Collects header entries and data bytes, assigning consecutive offsets. */
    private static final class Builder {
        private final StringBuilder entries = new StringBuilder();
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();

        Builder add(String name, String dtype, String shape, byte[] bytes) {
            int begin = data.size();
            data.writeBytes(bytes);
            entries.append(",\n  \"").append(name).append("\": {\"dtype\": \"").append(dtype)
                    .append("\", \"shape\": ").append(shape).append(", \"data_offsets\": [")
                    .append(begin).append(", ").append(data.size()).append("]}");
            return this;
        }

        Path write(Path file, String metadataJson, int padding) throws IOException {
            String header = "{\"__metadata__\": " + metadataJson + entries + "\n}"
                    + " ".repeat(padding);
            return RawFiles.file(file, header, data.toByteArray());
        }
    }

    private Path handBuilt() throws IOException {
        return new Builder()
                .add("z_f32", "F32", "[2, 2]", f32(1.5f, -2f, 3.25f, Float.MIN_VALUE))
                .add("a_f16", "F16", "[3]", u16(0x3C00, 0xC000, 0x0001))
                .add("bf", "BF16", "[2]", u16(0x3F80, 0xFF80))
                .add("d", "F64", "[]", f64(0.1))
                .add("i64", "I64", "[2]", i64(Long.MIN_VALUE, 42))
                .add("i32", "I32", "[2]", i32(-7, Integer.MAX_VALUE))
                .add("i16", "I16", "[2]", u16(0xFFFF, 300))
                .add("i8", "I8", "[2]", u8(0x80, 0x7F))
                .add("u8", "U8", "[2]", u8(0xFF, 0))
                .add("bool", "BOOL", "[3]", u8(0, 1, 2))
                .add("u16", "U16", "[1]", u16(0xFFFF))
                .add("u32", "U32", "[1]", i32(-1))
                .add("u64", "U64", "[1]", i64(Long.MAX_VALUE))
                .add("empty", "F32", "[0, 4]", new byte[0])
                .add("e4m3", "F8_E4M3", "[6]", u8(0x38, 0x7E, 0x7F, 0x01, 0x80, 0xB8))
                .add("e5m2", "F8_E5M2", "[4]", u8(0x3C, 0x7C, 0x7D, 0x01))
                .write(dir.resolve("hand.safetensors"),
                        "{\"format\": \"pt\", \"note\": \"made by h\\u00e4nd\"}", 13);
    }

    @Test
    void readsHandBuiltFile() throws IOException {
        try (SafetensorsReader r = SafetensorsReader.open(handBuilt())) {
            assertEquals(Map.of("format", "pt", "note", "made by h\u00e4nd"), r.metadata());
            assertEquals(List.of("z_f32", "a_f16", "bf", "d", "i64", "i32", "i16", "i8", "u8",
                    "bool", "u16", "u32", "u64", "empty", "e4m3", "e5m2"), r.names());

            assertEquals(new TensorInfo("z_f32", DType.F32, new long[] {2, 2}, 0, 16),
                    r.info("z_f32"));
            assertEquals(new TensorInfo("a_f16", DType.F16, new long[] {3}, 16, 22),
                    r.info("a_f16"));
            assertEquals(4, r.info("z_f32").numel());
            assertEquals(1, r.info("d").numel());
            assertEquals(0, r.info("empty").numel());

            assertArrayEquals(new float[] {1.5f, -2f, 3.25f, Float.MIN_VALUE}, r.readFloats("z_f32"));
            assertArrayEquals(new float[] {1f, -2f, 0x1p-24f}, r.readFloats("a_f16"));
            assertArrayEquals(new float[] {1f, Float.NEGATIVE_INFINITY}, r.readFloats("bf"));
            assertArrayEquals(new float[] {0.1f}, r.readFloats("d"));
            assertArrayEquals(new float[0], r.readFloats("empty"));

            assertArrayEquals(new long[] {Long.MIN_VALUE, 42}, r.readLongs("i64"));
            assertArrayEquals(new long[] {-7, Integer.MAX_VALUE}, r.readLongs("i32"));
            assertArrayEquals(new long[] {-1, 300}, r.readLongs("i16"));
            assertArrayEquals(new long[] {-128, 127}, r.readLongs("i8"));
            assertArrayEquals(new long[] {255, 0}, r.readLongs("u8"));
            assertArrayEquals(new long[] {0, 1, 1}, r.readLongs("bool"));
            assertArrayEquals(new long[] {65535}, r.readLongs("u16"));
            assertArrayEquals(new long[] {4294967295L}, r.readLongs("u32"));
            assertArrayEquals(new long[] {Long.MAX_VALUE}, r.readLongs("u64"));

            float[] e4m3 = r.readFloats("e4m3");
            assertEquals(1f, e4m3[0]);
            assertEquals(448f, e4m3[1]);
            assertTrue(Float.isNaN(e4m3[2]));
            assertEquals(0x1p-9f, e4m3[3]);
            assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(e4m3[4]));
            assertEquals(-1f, e4m3[5]);
            float[] e5m2 = r.readFloats("e5m2");
            assertEquals(1f, e5m2[0]);
            assertEquals(Float.POSITIVE_INFINITY, e5m2[1]);
            assertTrue(Float.isNaN(e5m2[2]));
            assertEquals(0x1p-16f, e5m2[3]);
        }
    }

    @Test
    void headerWithoutMetadataOrTensors() throws IOException {
        Path file = RawFiles.file(dir.resolve("empty.safetensors"), "{}      ", new byte[0]);
        try (SafetensorsReader r = SafetensorsReader.open(file)) {
            assertEquals(Map.of(), r.metadata());
            assertEquals(List.of(), r.names());
        }
    }

    @Test
    void smallMappingsReadInPieces() throws IOException {
        Path file = new Builder()
                .add("h", "F16", "[5]", u16(0x3C00, 0x4000, 0x4200, 0x4400, 0x4500))
                .add("w", "F64", "[3]", f64(1, 2, 3))
                .add("n", "I64", "[3]", i64(7, 8, 9))
                .write(dir.resolve("pieces.safetensors"), "{}", 3);
        try (SafetensorsReader r = SafetensorsReader.open(file, 8)) {
            assertArrayEquals(new float[] {1, 2, 3, 4, 5}, r.readFloats("h"));
            assertArrayEquals(new float[] {1, 2, 3}, r.readFloats("w"));
            assertArrayEquals(new long[] {7, 8, 9}, r.readLongs("n"));
        }
    }

    @Test
    void wrongKindOfReadAndUnknownNames() throws IOException {
        Path file = handBuilt();
        try (SafetensorsReader r = SafetensorsReader.open(file)) {
            assertInvalid(file, "'nope'", () -> r.info("nope"));
            assertInvalid(file, "'nope'", () -> r.readFloats("nope"));
            assertFalse(r.contains("nope"));
            assertTrue(r.contains("bf"));
            assertInvalid(file, "readLongs", () -> r.readFloats("i32"));
            assertInvalid(file, "readFloats", () -> r.readLongs("bf"));
        }
    }

    @Test
    void u64BeyondLongIsRejected() throws IOException {
        Path file = new Builder().add("u", "U64", "[2]", i64(1, -1))
                .write(dir.resolve("u64.safetensors"), "{}", 0);
        try (SafetensorsReader r = SafetensorsReader.open(file)) {
            assertInvalid(file, "18446744073709551615", () -> r.readLongs("u"));
        }
    }

    @Test
    void closedReaderRefusesReads() throws IOException {
        SafetensorsReader r = SafetensorsReader.open(handBuilt());
        r.close();
        r.close();
        assertThrows(IllegalStateException.class, () -> r.readFloats("z_f32"));
        assertEquals(List.of("z_f32", "a_f16", "bf", "d", "i64", "i32", "i16", "i8", "u8",
                "bool", "u16", "u32", "u64", "empty", "e4m3", "e5m2"), r.names());
    }

    // ---- malformed files ----

    private Path raw(String header, byte[] data) throws IOException {
        return RawFiles.file(dir.resolve("bad.safetensors"), header, data);
    }

    private static void assertOpenFails(Path file, String fragment) {
        assertInvalid(file, fragment, () -> SafetensorsReader.open(file).close());
    }

    private static String tensor(String name, String body) {
        return "{\"" + name + "\": " + body + "}";
    }

    @Test
    void missingFileAndDirectory() throws IOException {
        assertOpenFails(dir.resolve("absent.safetensors"), "does not exist");
        Path sub = Files.createDirectory(dir.resolve("sub.safetensors"));
        assertOpenFails(sub, "directory");
    }

    @Test
    void fileShorterThanLengthPrefix() throws IOException {
        Path file = dir.resolve("short.safetensors");
        Files.write(file, new byte[0]);
        assertOpenFails(file, "shorter than the 8-byte header length");
        Files.write(file, new byte[7]);
        assertOpenFails(file, "7 bytes");
    }

    @Test
    void headerLengthBeyondFile() throws IOException {
        byte[] header = "{}".getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("long.safetensors");
        RawFiles.file(file, 3, header, new byte[0]);
        assertOpenFails(file, "header length 3 is larger than the 2 bytes");
        RawFiles.file(file, -1, header, new byte[0]);
        assertOpenFails(file, "header length 18446744073709551615");
    }

    @Test
    void headerNotJsonObject() throws IOException {
        assertOpenFails(raw("{\"a\": ", new byte[0]), "not valid JSON");
        assertOpenFails(raw("not json", new byte[0]), "not valid JSON");
        assertOpenFails(raw("{} {}", new byte[0]), "not valid JSON");
        assertOpenFails(raw("{\"a\": 1, \"a\": 2}", new byte[0]), "not valid JSON");
        assertOpenFails(raw("[1, 2]", new byte[0]), "not a JSON object");
        assertOpenFails(raw("\"x\"", new byte[0]), "not a JSON object");
        assertOpenFails(raw("", new byte[0]), "not a JSON object");
        assertOpenFails(raw("        ", new byte[0]), "not a JSON object");
        Path file = dir.resolve("latin1.safetensors");
        RawFiles.file(file, 4, u8('{', '"', 0xE4, '}'), new byte[0]);
        assertOpenFails(file, "not valid UTF-8");
    }

    @Test
    void badMetadata() throws IOException {
        assertOpenFails(raw("{\"__metadata__\": [1]}", new byte[0]), "__metadata__ is not");
        assertOpenFails(raw("{\"__metadata__\": {\"k\": 1}}", new byte[0]), "'k' is not a string");
    }

    @Test
    void tensorEntryMissingFields() throws IOException {
        assertOpenFails(raw(tensor("t", "[1]"), new byte[0]), "tensor 't' entry is not");
        assertOpenFails(raw(tensor("t", "{\"shape\": [1], \"data_offsets\": [0, 4]}"), f32(1)),
                "tensor 't' has no dtype");
        assertOpenFails(raw(tensor("t", "{\"dtype\": \"F32\", \"data_offsets\": [0, 4]}"), f32(1)),
                "tensor 't' has no shape");
        assertOpenFails(raw(tensor("t", "{\"dtype\": \"F32\", \"shape\": [1]}"), f32(1)),
                "tensor 't' has no data_offsets");
        assertOpenFails(raw(tensor("t", "{\"dtype\": 3, \"shape\": [1], \"data_offsets\": [0, 4]}"),
                f32(1)), "dtype is not a string");
        assertOpenFails(raw(tensor("t", "{\"dtype\": \"F32\", \"shape\": 1, \"data_offsets\": [0, 4]}"),
                f32(1)), "shape is not a JSON array");
    }

    @Test
    void unknownDtype() throws IOException {
        assertOpenFails(raw(tensor("t", "{\"dtype\": \"F12\", \"shape\": [1], \"data_offsets\": [0, 4]}"),
                f32(1)), "unknown dtype 'F12'");
    }

    @Test
    void badDimensions() throws IOException {
        assertOpenFails(raw(tensor("t", "{\"dtype\": \"F32\", \"shape\": [2, -1], "
                + "\"data_offsets\": [0, 4]}"), f32(1)), "negative dimension");
        assertOpenFails(raw(tensor("t", "{\"dtype\": \"F32\", \"shape\": [1.5], "
                + "\"data_offsets\": [0, 4]}"), f32(1)), "not an integer");
        assertOpenFails(raw(tensor("t", "{\"dtype\": \"F32\", \"shape\": [4294967296, 4294967296], "
                + "\"data_offsets\": [0, 4]}"), f32(1)), "too many elements");
    }

    @Test
    void offsetsNotMatchingShape() throws IOException {
        assertOpenFails(raw(tensor("t", "{\"dtype\": \"F32\", \"shape\": [2], "
                + "\"data_offsets\": [0, 4]}"), f32(1, 2)), "span 4 bytes, but shape [2] of F32 needs 8");
        assertOpenFails(raw(tensor("t", "{\"dtype\": \"F32\", \"shape\": [1], "
                + "\"data_offsets\": [4, 0]}"), f32(1, 2)), "0 <= begin <= end");
        assertOpenFails(raw(tensor("t", "{\"dtype\": \"F32\", \"shape\": [1], "
                + "\"data_offsets\": [-4, 0]}"), f32(1, 2)), "0 <= begin <= end");
        assertOpenFails(raw(tensor("t", "{\"dtype\": \"F32\", \"shape\": [1], "
                + "\"data_offsets\": [0, 4, 8]}"), f32(1, 2)), "not an array of two integers");
        assertOpenFails(raw(tensor("t", "{\"dtype\": \"F32\", \"shape\": [1], "
                + "\"data_offsets\": [0, \"4\"]}"), f32(1, 2)), "not an array of two integers");
    }

    @Test
    void offsetsBeyondEndOfFile() throws IOException {
        assertOpenFails(raw(tensor("t", "{\"dtype\": \"F32\", \"shape\": [2], "
                + "\"data_offsets\": [4, 12]}"), f32(1, 2)), "beyond the end of the file");
        assertOpenFails(raw(tensor("t", "{\"dtype\": \"U8\", \"shape\": [1], "
                + "\"data_offsets\": [9223372036854775806, 9223372036854775807]}"), f32(1, 2)),
                "beyond the end of the file");
    }

    @Test
    void overlappingTensors() throws IOException {
        String header = "{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]},"
                + " \"b\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4, 8]}}";
        assertOpenFails(raw(header, f32(1, 2)), "tensors 'a' [0, 8) and 'b' [4, 8) overlap");
        // Empty tensors hold no bytes, so sharing an offset is fine.
        String ok = "{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]},"
                + " \"e\": {\"dtype\": \"F32\", \"shape\": [0], \"data_offsets\": [4, 4]}}";
        try (SafetensorsReader r = SafetensorsReader.open(raw(ok, f32(1, 2)))) {
            assertArrayEquals(new float[0], r.readFloats("e"));
        }
    }

    @Test
    void controlCharactersInNamesStayOnOneLine() throws IOException {
        Path file = raw("{\"a\\nb\": {\"dtype\": \"F99\", \"shape\": [], \"data_offsets\": [0, 4]}}",
                f32(1));
        InvalidInputException e = assertInvalid(file, "unknown dtype", () -> SafetensorsReader.open(file));
        assertTrue(e.getMessage().contains("'a\\u000ab'"), e.getMessage());
    }
}
