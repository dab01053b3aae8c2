package org.sparsevit4j.supernet.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.core.InvalidInputException;

class SafetensorsWriterTest {

    @TempDir
    Path dir;

    private static final List<NamedTensor> ONE =
            List.of(new NamedTensor("w", new long[] {2}, new float[] {1, 2}));

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertOneLine(RuntimeException e, String... fragments) {
        String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        for (String f : fragments) {
            assertTrue(m.contains(f), () -> "message lacks '" + f + "': " + m);
        }
    }

    @Test
    void writeLeavesOnlyTheTarget() throws IOException {
        Path file = dir.resolve("a.safetensors");
        SafetensorsWriter.write(file, ONE, Map.of("k", "v"));
        assertEquals(List.of("a.safetensors"), listing());
    }

    @Test
    void overwritesAnExistingFile() throws IOException {
        Path file = dir.resolve("a.safetensors");
        Files.writeString(file, "old");
        SafetensorsWriter.write(file, ONE, Map.of());
        assertEquals(List.of("a.safetensors"), listing());
        try (SafetensorsReader r = SafetensorsReader.open(file)) {
            assertArrayEquals(new float[] {1, 2}, r.readFloats("w"));
        }
    }

    @Test
    void relativePathWorks() {
        Path rel = Path.of("").toAbsolutePath().relativize(dir.resolve("rel.safetensors"));
        SafetensorsWriter.write(rel, ONE, Map.of());
        assertTrue(Files.isRegularFile(dir.resolve("rel.safetensors")));
    }

    @Test
    void directoryInTheWay() throws IOException {
        Path file = Files.createDirectory(dir.resolve("a.safetensors"));
        Files.writeString(file.resolve("inside"), "x");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SafetensorsWriter.write(file, ONE, Map.of()));
        assertOneLine(e, file.toString(), "directory");
        assertEquals(List.of("a.safetensors"), listing());
        assertTrue(Files.isDirectory(file));
    }

    @Test
    void missingDirectory() throws IOException {
        Path file = dir.resolve("nope").resolve("a.safetensors");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SafetensorsWriter.write(file, ONE, Map.of()));
        assertOneLine(e, file.toString(), "does not exist");
        assertEquals(List.of(), listing());
    }

    @Test
    void duplicateNameWritesNothing() throws IOException {
        Path file = dir.resolve("a.safetensors");
        List<NamedTensor> twice = List.of(ONE.get(0),
                new NamedTensor("w", new long[] {1}, new float[] {3}, DType.F16));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SafetensorsWriter.write(file, twice, Map.of()));
        assertOneLine(e, file.toString(), "duplicate tensor name 'w'");
        assertEquals(List.of(), listing());
    }

    @Test
    void reservedNameWritesNothing() throws IOException {
        Path file = dir.resolve("a.safetensors");
        List<NamedTensor> reserved =
                List.of(new NamedTensor("__metadata__", new long[] {1}, new float[] {3}));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SafetensorsWriter.write(file, reserved, Map.of()));
        assertOneLine(e, file.toString(), "reserved");
        assertEquals(List.of(), listing());
    }

    @Test
    void failureAfterTheDataIsWrittenRemovesTheTemporaryFile() throws IOException {
        Path file = dir.resolve("a.safetensors");
        AtomicReference<Path> seen = new AtomicReference<>();
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> SafetensorsWriter.write(file, ONE, Map.of(), tmp -> {
                    seen.set(tmp);
                    assertTrue(Files.size(tmp) > 8, "temporary file is complete");
                    assertEquals(dir, tmp.getParent());
                    throw new IOException("simulated\nfailure");
                }));
        assertOneLine(e, file.toString(), "simulated failure");
        assertFalse(Files.exists(seen.get()));
        assertEquals(List.of(), listing());
    }

    @Test
    void failedOverwriteKeepsTheOldFile() throws IOException {
        Path file = dir.resolve("a.safetensors");
        SafetensorsWriter.write(file, ONE, Map.of());
        byte[] before = Files.readAllBytes(file);
        List<NamedTensor> other = List.of(new NamedTensor("x", new long[] {1}, new float[] {9}));
        assertThrows(UncheckedIOException.class, () -> SafetensorsWriter.write(file, other, Map.of(),
                tmp -> {
                    throw new IOException("simulated");
                }));
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of("a.safetensors"), listing());
    }

    @Test
    void writtenFileHasOrdinaryPermissions() throws IOException {
        Assumptions.assumeTrue(
                Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null);
        Path file = dir.resolve("a.safetensors");
        SafetensorsWriter.write(file, ONE, Map.of());
        Path plain = Files.createFile(dir.resolve("plain"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file));
    }

    @Test
    void namedTensorValidation() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new NamedTensor("w", new long[] {2, 3}, new float[5]));
        assertOneLine(e, "'w'", "[2, 3] holds 6 elements but data has 5");
        e = assertThrows(InvalidInputException.class,
                () -> new NamedTensor("w", new long[] {-1}, new float[0]));
        assertOneLine(e, "'w'", "negative dimension");
        e = assertThrows(InvalidInputException.class,
                () -> new NamedTensor("w", new long[] {1}, new float[1], DType.I32));
        assertOneLine(e, "'w'", "dtype I32");
        e = assertThrows(InvalidInputException.class,
                () -> new NamedTensor("w", new long[] {1L << 32, 1L << 32}, new float[1]));
        assertOneLine(e, "'w'", "too many elements");
    }

    @Test
    void namedTensorCopiesItsShape() {
        long[] shape = {2};
        NamedTensor t = new NamedTensor("w", shape, new float[2]);
        shape[0] = 5;
        t.shape()[0] = 7;
        assertArrayEquals(new long[] {2}, t.shape());
        assertEquals(new NamedTensor("w", new long[] {2}, new float[2]), t);
    }
}
