package org.sparsevit4j.supernet.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sparsevit4j.supernet.io.RawFiles.assertInvalid;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file past 2 GiB, made sparse so that it costs no disk space. */
class SafetensorsLargeFileTest {

    @TempDir
    Path dir;

    @Test
    void readsATensorBeyondTwoGibibytes() throws IOException {
        long pad = 2_362_232_013L; // 2.2 GiB, odd on purpose so the F32 tensor is unaligned
        float[] values = {1.5f, -2.25f, Float.MAX_VALUE, Float.MIN_VALUE, 0f, 1e-3f};
        String header = "{\"__metadata__\": {\"what\": \"sparse\"}, "
                + "\"pad\": {\"dtype\": \"U8\", \"shape\": [" + pad + "], \"data_offsets\": [0, "
                + pad + "]}, "
                + "\"w\": {\"dtype\": \"F32\", \"shape\": [2, 3], \"data_offsets\": [" + pad + ", "
                + (pad + 24) + "]}}    ";
        byte[] headerBytes = header.getBytes(StandardCharsets.UTF_8);
        long dataStart = 8 + headerBytes.length;
        Path file = dir.resolve("large.safetensors");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(dataStart + pad + 24);
            ByteBuffer head = ByteBuffer.allocate((int) dataStart).order(ByteOrder.LITTLE_ENDIAN);
            head.putLong(headerBytes.length).put(headerBytes);
            raf.write(head.array());
            raf.seek(dataStart + pad);
            raf.write(RawFiles.f32(values));
        }

        try (SafetensorsReader r = SafetensorsReader.open(file)) {
            assertEquals(List.of("pad", "w"), r.names());
            assertEquals(new TensorInfo("w", DType.F32, new long[] {2, 3}, pad, pad + 24),
                    r.info("w"));
            assertEquals(new TensorInfo("pad", DType.U8, new long[] {pad}, 0, pad), r.info("pad"));
            assertArrayEquals(values, r.readFloats("w"));
            assertInvalid(file, "more than a Java array can hold", () -> r.readLongs("pad"));
        }
    }
}
