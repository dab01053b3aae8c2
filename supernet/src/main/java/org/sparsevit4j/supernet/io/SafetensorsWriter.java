package org.sparsevit4j.supernet.io;

import static org.sparsevit4j.supernet.io.SafetensorsFormat.DATA_ALIGNMENT;
import static org.sparsevit4j.supernet.io.SafetensorsFormat.LENGTH_PREFIX_BYTES;
import static org.sparsevit4j.supernet.io.SafetensorsFormat.METADATA_KEY;
import static org.sparsevit4j.supernet.io.SafetensorsFormat.quote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.sparsevit4j.core.InvalidInputException;

/**
 * Writes safetensors files that {@link SafetensorsReader}, the Python {@code safetensors} package
 * and DJL can read.
 *
 * <p>Layout: the 8-byte little-endian header length, the header JSON ({@code __metadata__} first
 * when the metadata is not empty, then the tensors in the given order), padded with spaces so that
 * the data starts at a multiple of 8 bytes, then each tensor's little-endian bytes back to back in
 * the given order.
 *
 * <p>Conversion from {@code float}: F32 is exact; F16 uses {@link Float#floatToFloat16} (round to
 * nearest, ties to even; overflow gives infinity, tiny values become subnormals or zero); BF16 keeps
 * the top 16 bits of the float rounded to nearest, ties to even (so values just below {@link
 * Float#MAX_VALUE} round to infinity, as in PyTorch), except that a NaN stays a quiet NaN with its
 * sign, where plain rounding could turn it into infinity.
 *
 * <p>Writes are atomic: the file is written to a temporary file in the target's directory, forced
 * to disk, then moved over the target with {@link StandardCopyOption#ATOMIC_MOVE} (falling back to
 * {@link StandardCopyOption#REPLACE_EXISTING} where the file system cannot move atomically). On any
 * failure the temporary file is deleted and an existing target is left as it was.
 */
public final class SafetensorsWriter {

    private static final int BUFFER_BYTES = 1 << 20;

    private SafetensorsWriter() {}

    /** Lets tests fail a write after the temporary file is complete. */
    @FunctionalInterface
    interface BeforeMove {
        void accept(Path temporaryFile) throws IOException;
    }

    /**
     * Writes {@code tensors} and {@code metadata} to {@code file}, replacing it if it exists.
     *
     * @param file the target file; its directory must exist
     * @param tensors the tensors, in the order they are laid out; names must be unique
     * @param metadata the {@code __metadata__} map (may be empty); written with its keys sorted, so that
     *     the same content always gives the same bytes (and the same SHA-256, which keys the evaluation cache)
     * @throws InvalidInputException for a duplicate or reserved tensor name, a missing directory, or
     *     a directory where the file should go
     * @throws UncheckedIOException if writing fails
     */
    public static void write(Path file, List<NamedTensor> tensors, Map<String, String> metadata) {
        write(file, tensors, metadata, tmp -> {});
    }

    static void write(Path file, List<NamedTensor> tensors, Map<String, String> metadata,
            BeforeMove beforeMove) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(tensors, "tensors");
        Objects.requireNonNull(metadata, "metadata");
        String where = "safetensors file " + SafetensorsFormat.describe(file);

        byte[] header = header(where, tensors, metadata);

        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new InvalidInputException("cannot write " + where + ": directory "
                    + (dir == null ? "(none)" : SafetensorsFormat.describe(dir)) + " does not exist");
        }
        if (Files.isDirectory(target)) {
            throw new InvalidInputException("cannot write " + where + ": a directory is in the way");
        }

        Path tmp = null;
        boolean moved = false;
        try {
            tmp = createTemporary(dir, target.getFileName().toString());
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer prefix = ByteBuffer.allocate(LENGTH_PREFIX_BYTES)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .putLong(0, header.length);
                writeFully(out, prefix);
                writeFully(out, ByteBuffer.wrap(header));
                writeData(out, tensors);
                out.force(true);
            }
            beforeMove.accept(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } catch (IOException e) {
            if (Files.isDirectory(target)) {
                throw new InvalidInputException(
                        "cannot write " + where + ": a directory is in the way", e);
            }
            throw new UncheckedIOException(
                    "cannot write " + where + ": " + SafetensorsFormat.oneLine(e.getMessage()), e);
        } finally {
            if (!moved && tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // The write already failed; that failure is the one to report.
                }
            }
        }
    }

    /** BF16 bits of {@code f}: the top 16 bits rounded to nearest, ties to even; NaN stays NaN. */
    static short floatToBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) {
            return (short) ((bits >>> 16) | 0x0040);
        }
        int lsb = (bits >>> 16) & 1;
        return (short) ((bits + 0x7FFF + lsb) >>> 16);
    }

    private static byte[] header(String where, List<NamedTensor> tensors,
            Map<String, String> metadata) {
        ObjectNode root = SafetensorsFormat.JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(METADATA_KEY);
            java.util.TreeMap<String, String> sorted = new java.util.TreeMap<>();
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw new InvalidInputException("cannot write " + where
                            + ": metadata keys and values must not be null");
                }
                sorted.put(e.getKey(), e.getValue());
            }
            for (Map.Entry<String, String> e : sorted.entrySet()) {
                meta.put(e.getKey(), e.getValue());
            }
        }
        Set<String> seen = new HashSet<>();
        long offset = 0;
        for (NamedTensor t : tensors) {
            Objects.requireNonNull(t, "tensor");
            if (t.name().equals(METADATA_KEY)) {
                throw new InvalidInputException("cannot write " + where + ": tensor name "
                        + quote(METADATA_KEY) + " is reserved for the metadata");
            }
            if (!seen.add(t.name())) {
                throw new InvalidInputException(
                        "cannot write " + where + ": duplicate tensor name " + quote(t.name()));
            }
            long bytes = (long) t.data().length * t.dtype().byteSize();
            ObjectNode entry = root.putObject(t.name());
            entry.put("dtype", t.dtype().name());
            ArrayNode shape = entry.putArray("shape");
            Arrays.stream(t.shape()).forEach(shape::add);
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json;
        try {
            json = SafetensorsFormat.JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the header", e);
        }
        int padded = (json.length + DATA_ALIGNMENT - 1) / DATA_ALIGNMENT * DATA_ALIGNMENT;
        byte[] header = Arrays.copyOf(json, padded);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }

    /**
     * Creates an empty file next to the target. Not {@link Files#createTempFile}, which would give
     * the final file owner-only permissions instead of the usual ones.
     */
    private static Path createTemporary(Path dir, String targetName) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            Path tmp = dir.resolve("." + targetName + "." + suffix + ".tmp");
            try {
                FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                        .close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    private static void writeData(FileChannel out, List<NamedTensor> tensors) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (NamedTensor t : tensors) {
            float[] data = t.data();
            DType dtype = t.dtype();
            for (float v : data) {
                if (buf.remaining() < Float.BYTES) {
                    writeFully(out, buf.flip());
                    buf.clear();
                }
                switch (dtype) {
                    case F32 -> buf.putFloat(v);
                    case F16 -> buf.putShort(Float.floatToFloat16(v));
                    case BF16 -> buf.putShort(floatToBf16(v));
                    default -> throw new AssertionError(dtype);
                }
            }
        }
        writeFully(out, buf.flip());
    }

    private static void writeFully(FileChannel out, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            out.write(buf);
        }
    }
}
