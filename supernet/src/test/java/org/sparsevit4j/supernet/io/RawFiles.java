package org.sparsevit4j.supernet.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.function.Executable;
import org.sparsevit4j.core.InvalidInputException;

/** Builds safetensors files byte by byte, independently of {@link SafetensorsWriter}. */
final class RawFiles {

    private RawFiles() {}

    /** A file whose length prefix is the header's true length. */
    static Path file(Path path, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return file(path, h.length, h, data);
    }

    /** A file with an arbitrary length prefix. */
    static Path file(Path path, long prefix, byte[] header, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(le(8).putLong(prefix).array());
        out.write(header);
        out.write(data);
        Files.write(path, out.toByteArray());
        return path;
    }

    static ByteBuffer le(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    static byte[] f32(float... v) {
        ByteBuffer b = le(v.length * 4);
        for (float x : v) {
            b.putFloat(x);
        }
        return b.array();
    }

    static byte[] f64(double... v) {
        ByteBuffer b = le(v.length * 8);
        for (double x : v) {
            b.putDouble(x);
        }
        return b.array();
    }

    static byte[] i64(long... v) {
        ByteBuffer b = le(v.length * 8);
        for (long x : v) {
            b.putLong(x);
        }
        return b.array();
    }

    static byte[] i32(int... v) {
        ByteBuffer b = le(v.length * 4);
        for (int x : v) {
            b.putInt(x);
        }
        return b.array();
    }

    /** 16-bit values, given as ints for readability (F16, BF16, I16, U16 bit patterns). */
    static byte[] u16(int... v) {
        ByteBuffer b = le(v.length * 2);
        for (int x : v) {
            b.putShort((short) x);
        }
        return b.array();
    }

    static byte[] u8(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Asserts an {@link InvalidInputException} with a one-line message naming {@code file}. */
    static InvalidInputException assertInvalid(Path file, String expectedFragment, Executable e) {
        InvalidInputException ex = assertThrows(InvalidInputException.class, e);
        String m = ex.getMessage();
        assertFalse(m.contains("\n") || m.contains("\r"), () -> "multi-line message: " + m);
        assertTrue(m.contains(file.toString()), () -> "message does not name the file: " + m);
        assertTrue(m.contains(expectedFragment),
                () -> "message lacks '" + expectedFragment + "': " + m);
        return ex;
    }
}
