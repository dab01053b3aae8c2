package org.sparsevit4j.supernet.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsRoundTripTest {

    @TempDir
    Path dir;

    private static final float[] SPECIAL = {
        0f, -0f, 1f, -1f, 1f / 3, (float) Math.PI, 65504f, 65520f, 1e-8f, 0x1p-24f, 0x1p-25f,
        3 * 0x1p-25f, 0x1p-14f, 0x1p-15f, Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE,
        -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
        1 + 0x1p-8f, 1 + 3 * 0x1p-8f, 1 + 0x1p-8f + 0x1p-20f, Float.intBitsToFloat(0x00018000),
        123456.789f, -0.000123f
    };

    private float[] roundTrip(DType dtype, float[] values) {
        Path file = dir.resolve(dtype + ".safetensors");
        SafetensorsWriter.write(file,
                List.of(new NamedTensor("t", new long[] {values.length}, values, dtype)), Map.of());
        try (SafetensorsReader r = SafetensorsReader.open(file)) {
            assertEquals(dtype, r.info("t").dtype());
            return r.readFloats("t");
        }
    }

    private static void assertSameBits(float expected, float actual, String what) {
        if (Float.isNaN(expected)) {
            assertTrue(Float.isNaN(actual), what + ": expected NaN, got " + actual);
        } else {
            assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(actual),
                    what + ": expected " + expected + ", got " + actual);
        }
    }

    @Test
    void f32IsExact() {
        float[] nanWithPayload = {Float.intBitsToFloat(0x7FC00123), Float.intBitsToFloat(0xFF800001)};
        float[] values = new float[SPECIAL.length + 2];
        System.arraycopy(SPECIAL, 0, values, 0, SPECIAL.length);
        System.arraycopy(nanWithPayload, 0, values, SPECIAL.length, 2);
        float[] back = roundTrip(DType.F32, values);
        for (int i = 0; i < values.length; i++) {
            assertEquals(Float.floatToRawIntBits(values[i]), Float.floatToRawIntBits(back[i]),
                    "element " + i);
        }
    }

    @Test
    void f16RoundsToNearestEven() {
        float[] back = roundTrip(DType.F16, SPECIAL);
        for (int i = 0; i < SPECIAL.length; i++) {
            assertSameBits(Float.float16ToFloat(Float.floatToFloat16(SPECIAL[i])), back[i],
                    "element " + i + " (" + SPECIAL[i] + ")");
        }
        // The cases spelled out, independent of the JDK's conversion.
        float[] in = {0f, -0f, 1f / 3, 65504f, 65520f, 1e-8f, 0x1p-24f, 0x1p-25f, 3 * 0x1p-25f,
            0x1p-15f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, -Float.MAX_VALUE};
        float[] expected = {0f, -0f, 0.333251953125f, 65504f, Float.POSITIVE_INFINITY, 0f, 0x1p-24f,
            0f, 0x1p-23f, 0x1p-15f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
            Float.NEGATIVE_INFINITY};
        float[] out = roundTrip(DType.F16, in);
        for (int i = 0; i < in.length; i++) {
            assertSameBits(expected[i], out[i], "F16 of " + in[i]);
        }
    }

    @Test
    void bf16RoundsToNearestEven() {
        float[] in = {
            0f, -0f, 1f, 1 + 0x1p-8f, 1 + 3 * 0x1p-8f, 1 + 0x1p-8f + 0x1p-20f, -(1 + 0x1p-8f + 0x1p-20f),
            Float.MAX_VALUE, Float.MIN_VALUE, Float.intBitsToFloat(0x00018000),
            Float.intBitsToFloat(0x00008000), Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.NaN, Float.intBitsToFloat(0x7F800001), Float.intBitsToFloat(0xFF800001),
            Float.intBitsToFloat(0x3F80FFFF)
        };
        int[] expectedBits = {
            0x0000, 0x8000, 0x3F80, 0x3F80, 0x3F82, 0x3F81, 0xBF81,
            0x7F80, 0x0000, 0x0002,
            0x0000, 0x7F80, 0xFF80,
            -1, -1, -1,
            0x3F81
        };
        float[] out = roundTrip(DType.BF16, in);
        for (int i = 0; i < in.length; i++) {
            if (expectedBits[i] < 0) {
                assertTrue(Float.isNaN(out[i]), "BF16 of NaN " + i + " gave " + out[i]);
                assertEquals(Float.floatToRawIntBits(in[i]) & 0x80000000,
                        Float.floatToRawIntBits(out[i]) & 0x80000000, "NaN keeps its sign");
            } else {
                assertEquals(expectedBits[i] << 16, Float.floatToRawIntBits(out[i]),
                        "BF16 of " + in[i] + " (element " + i + ")");
            }
        }
    }

    @Test
    void bf16ConversionMatchesTruncationWhenExact() {
        for (int bits = 0; bits < 0x10000; bits += 7) {
            float f = Float.intBitsToFloat(bits << 16);
            if (!Float.isNaN(f)) {
                assertEquals((short) bits, SafetensorsWriter.floatToBf16(f));
            }
        }
    }

    @Test
    void severalTensorsMetadataAndLayout() throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("zeta", "last");
        meta.put("\u00fcnicode", "\u2713 \"quoted\"");
        float[] big = new float[600_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = i * 0.5f - 7;
        }
        List<NamedTensor> tensors = List.of(
                new NamedTensor("z.weight", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}),
                new NamedTensor("a.half", new long[] {3}, new float[] {0.5f, -1, 2}, DType.F16),
                new NamedTensor("scalar", new long[] {}, new float[] {42}, DType.BF16),
                new NamedTensor("empty", new long[] {0, 5}, new float[0], DType.F16),
                new NamedTensor("big", new long[] {600, 1000}, big));
        Path file = dir.resolve("model.safetensors");
        SafetensorsWriter.write(file, tensors, meta);

        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + headerLength) % 8, "data starts 8-byte aligned");
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"__metadata__\":"), header);
        String json = header.stripTrailing();
        assertTrue(json.endsWith("}"), header);
        assertTrue(header.length() - json.length() < 8, "at most 7 bytes of padding");
        assertEquals(" ".repeat(header.length() - json.length()), header.substring(json.length()));
        assertEquals(8 + headerLength + 24 + 6 + 2 + 0 + 2_400_000, bytes.length);

        try (SafetensorsReader r = SafetensorsReader.open(file);
                SafetensorsReader small = SafetensorsReader.open(file, 1 << 16)) {
            assertEquals(List.of("format", "zeta", "\u00fcnicode"), List.copyOf(r.metadata().keySet()));
            assertEquals(meta, r.metadata());
            assertEquals(List.of("z.weight", "a.half", "scalar", "empty", "big"), r.names());
            assertEquals(new TensorInfo("z.weight", DType.F32, new long[] {2, 3}, 0, 24),
                    r.info("z.weight"));
            assertEquals(new TensorInfo("a.half", DType.F16, new long[] {3}, 24, 30),
                    r.info("a.half"));
            assertEquals(new TensorInfo("scalar", DType.BF16, new long[] {}, 30, 32),
                    r.info("scalar"));
            assertEquals(new TensorInfo("empty", DType.F16, new long[] {0, 5}, 32, 32),
                    r.info("empty"));
            assertEquals(new TensorInfo("big", DType.F32, new long[] {600, 1000}, 32, 2_400_032),
                    r.info("big"));
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, r.readFloats("z.weight"));
            assertArrayEquals(new float[] {0.5f, -1, 2}, r.readFloats("a.half"));
            assertArrayEquals(new float[] {42}, r.readFloats("scalar"));
            assertArrayEquals(new float[0], r.readFloats("empty"));
            assertArrayEquals(big, r.readFloats("big"));
            assertArrayEquals(big, small.readFloats("big"));
        }
    }

    @Test
    void noMetadataMeansNoMetadataKey() throws IOException {
        Path file = dir.resolve("plain.safetensors");
        SafetensorsWriter.write(file, List.of(new NamedTensor("w", new long[] {1}, new float[] {1})),
                Map.of());
        String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertFalse(content.contains("__metadata__"), content);
        try (SafetensorsReader r = SafetensorsReader.open(file)) {
            assertEquals(Map.of(), r.metadata());
        }
    }
}
