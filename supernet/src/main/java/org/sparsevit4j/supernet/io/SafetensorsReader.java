package org.sparsevit4j.supernet.io;

import static org.sparsevit4j.supernet.io.SafetensorsFormat.LENGTH_PREFIX_BYTES;
import static org.sparsevit4j.supernet.io.SafetensorsFormat.MAX_HEADER_BYTES;
import static org.sparsevit4j.supernet.io.SafetensorsFormat.METADATA_KEY;
import static org.sparsevit4j.supernet.io.SafetensorsFormat.quote;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sparsevit4j.core.InvalidInputException;

/**
 * Reads a safetensors file without loading it into the heap: {@link #open} reads and validates
 * only the header, and each {@code read...} call memory-maps just that tensor's bytes (in pieces of
 * at most 1 GiB, so tensors and files past 2 GiB work) and converts them into a fresh array.
 *
 * <p>Unlike DJL's reader this one handles BF16 and files larger than 2 GiB. Every problem with the
 * file's contents, and every request for a tensor it does not hold, is an {@link
 * InvalidInputException} whose one-line message names the file. Validation covers: a file shorter
 * than the 8-byte length prefix, a header length beyond the file (or above 100 MB), a header that is
 * not UTF-8 or not a JSON object (duplicate keys and trailing text count), metadata that is not a
 * string-to-string object, tensor entries without a valid {@code dtype}, {@code shape} or {@code
 * data_offsets}, unknown dtypes, negative dimensions, a byte range whose length is not {@code
 * numel * dtype size}, ranges past the end of the file, and overlapping ranges. Gaps between
 * tensors and bytes after the last one are allowed.
 *
 * <p>Input/output failures of the file system are {@link UncheckedIOException}s. A reader may be
 * used from several threads at once. {@link #close} releases the file channel; using a closed
 * reader throws {@link IllegalStateException}.
 */
public final class SafetensorsReader implements AutoCloseable {

    /** Largest single mapping: a multiple of every element size, well under 2 GiB. */
    static final int DEFAULT_MAX_MAP_BYTES = 1 << 30;

    /** float8_e4m3fn and float8_e5m2 decoded once, indexed by the unsigned byte. */
    private static final float[] F8_E4M3_TABLE = new float[256];
    private static final float[] F8_E5M2_TABLE = new float[256];

    static {
        for (int b = 0; b < 256; b++) {
            int exponent = (b >>> 3) & 0xF;
            int mantissa = b & 0x7;
            float magnitude;
            if (exponent == 0xF && mantissa == 0x7) {
                magnitude = Float.NaN;
            } else if (exponent == 0) {
                magnitude = Math.scalb((float) mantissa, -9);
            } else {
                magnitude = Math.scalb((float) (8 + mantissa), exponent - 10);
            }
            F8_E4M3_TABLE[b] = (b & 0x80) != 0 ? -magnitude : magnitude;
            // e5m2 is the upper byte of an IEEE half.
            F8_E5M2_TABLE[b] = Float.float16ToFloat((short) (b << 8));
        }
    }

    private final Path file;
    private final String where;
    private final FileChannel channel;
    private final long dataStart;
    private final int maxMapBytes;
    private final Map<String, String> metadata;
    private final Map<String, TensorInfo> tensors;
    private final List<String> names;
    private volatile boolean closed;

    private SafetensorsReader(Path file, FileChannel channel, int maxMapBytes) throws IOException {
        this.file = file;
        this.where = "safetensors file " + SafetensorsFormat.describe(file);
        this.channel = channel;
        this.maxMapBytes = maxMapBytes;

        long size = channel.size();
        if (size < LENGTH_PREFIX_BYTES) {
            throw bad("the file is " + size + " bytes long, shorter than the 8-byte header length");
        }
        ByteBuffer prefix = ByteBuffer.allocate(LENGTH_PREFIX_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        readFully(prefix, 0);
        long headerLength = prefix.getLong(0);
        long available = size - LENGTH_PREFIX_BYTES;
        // Negative means the unsigned length is at least 2^63: larger than any file.
        if (headerLength < 0 || headerLength > available) {
            throw bad("header length " + Long.toUnsignedString(headerLength) + " is larger than the "
                    + available + " bytes that follow the length");
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw bad("header length " + headerLength + " is larger than the limit of "
                    + MAX_HEADER_BYTES + " bytes");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        readFully(headerBytes, LENGTH_PREFIX_BYTES);
        this.dataStart = LENGTH_PREFIX_BYTES + headerLength;
        long dataLength = size - dataStart;

        JsonNode root = parseHeader(headerBytes.flip());
        Map<String, String> meta = new LinkedHashMap<>();
        Map<String, TensorInfo> infos = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (e.getKey().equals(METADATA_KEY)) {
                parseMetadata(e.getValue(), meta);
            } else {
                TensorInfo info = parseTensor(e.getKey(), e.getValue());
                if (info.end() > dataLength) {
                    throw bad("tensor " + quote(info.name()) + " data_offsets [" + info.begin()
                            + ", " + info.end() + "] go beyond the end of the file (the data section"
                            + " after the header is " + dataLength + " bytes)");
                }
                infos.put(info.name(), info);
            }
        }
        checkNoOverlap(infos.values());
        this.metadata = Collections.unmodifiableMap(meta);
        this.tensors = Collections.unmodifiableMap(infos);
        this.names = List.copyOf(infos.keySet());
    }

    /**
     * Opens {@code file} and reads and validates its header.
     *
     * @throws InvalidInputException if the file does not exist, is a directory, or is malformed
     * @throws UncheckedIOException if reading fails
     */
    public static SafetensorsReader open(Path file) {
        return open(file, DEFAULT_MAX_MAP_BYTES);
    }

    /** As {@link #open(Path)}, mapping at most {@code maxMapBytes} at a time (tests use small ones). */
    static SafetensorsReader open(Path file, int maxMapBytes) {
        Objects.requireNonNull(file, "file");
        if (maxMapBytes < 8 || maxMapBytes % 8 != 0) {
            throw new IllegalArgumentException("maxMapBytes must be a positive multiple of 8");
        }
        String where = "safetensors file " + SafetensorsFormat.describe(file);
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(where + " is a directory");
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(where + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot open " + where + ": " + SafetensorsFormat.oneLine(e.getMessage()), e);
        }
        try {
            return new SafetensorsReader(file, channel, maxMapBytes);
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw new UncheckedIOException(
                    "cannot read " + where + ": " + SafetensorsFormat.oneLine(e.getMessage()), e);
        } catch (RuntimeException | Error e) {
            closeQuietly(channel, e);
            throw e;
        }
    }

    /** The file this reader reads. */
    public Path file() {
        return file;
    }

    /** The header's {@code __metadata__} map in header order; empty if the header has none. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Names of all tensors, in the order the header lists them. */
    public List<String> names() {
        return names;
    }

    /** Whether the file holds a tensor called {@code name}. */
    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /**
     * The header entry of tensor {@code name}.
     *
     * @throws InvalidInputException if the file holds no such tensor
     */
    public TensorInfo info(String name) {
        TensorInfo info = tensors.get(name);
        if (info == null) {
            throw new InvalidInputException(
                    where + " has no tensor named " + quote(String.valueOf(name)));
        }
        return info;
    }

    /**
     * The values of a floating point tensor (F64, F32, F16, BF16, F8_E4M3, F8_E5M2) as floats, in
     * row-major order. F64 values are rounded to the nearest float; the others convert exactly.
     *
     * @throws InvalidInputException if there is no such tensor, its dtype is not floating point, or
     *     it has more elements than a Java array can hold
     */
    public float[] readFloats(String name) {
        TensorInfo info = info(name);
        DType dtype = info.dtype();
        if (!dtype.isFloatingPoint()) {
            throw new InvalidInputException(where + ": tensor " + quote(name) + " has dtype " + dtype
                    + ", not a floating point dtype; read it with readLongs");
        }
        float[] out = new float[arrayLength(info)];
        forEachChunk(info, (buf, first, count) -> {
            switch (dtype) {
                case F32 -> buf.asFloatBuffer().get(out, first, count);
                case F64 -> {
                    for (int i = 0; i < count; i++) {
                        out[first + i] = (float) buf.getDouble(i * 8);
                    }
                }
                case F16 -> {
                    for (int i = 0; i < count; i++) {
                        out[first + i] = Float.float16ToFloat(buf.getShort(i * 2));
                    }
                }
                case BF16 -> {
                    for (int i = 0; i < count; i++) {
                        out[first + i] = Float.intBitsToFloat((buf.getShort(i * 2) & 0xFFFF) << 16);
                    }
                }
                case F8_E4M3 -> {
                    for (int i = 0; i < count; i++) {
                        out[first + i] = F8_E4M3_TABLE[buf.get(i) & 0xFF];
                    }
                }
                case F8_E5M2 -> {
                    for (int i = 0; i < count; i++) {
                        out[first + i] = F8_E5M2_TABLE[buf.get(i) & 0xFF];
                    }
                }
                default -> throw new AssertionError(dtype);
            }
        });
        return out;
    }

    /**
     * The values of an integer or BOOL tensor as longs, in row-major order. Unsigned types are read
     * as unsigned; BOOL gives 1 for any non-zero byte and 0 otherwise.
     *
     * @throws InvalidInputException if there is no such tensor, its dtype is floating point, it has
     *     more elements than a Java array can hold, or a U64 value does not fit in a long
     */
    public long[] readLongs(String name) {
        TensorInfo info = info(name);
        DType dtype = info.dtype();
        if (dtype.isFloatingPoint()) {
            throw new InvalidInputException(where + ": tensor " + quote(name) + " has dtype " + dtype
                    + ", not an integer dtype; read it with readFloats");
        }
        long[] out = new long[arrayLength(info)];
        forEachChunk(info, (buf, first, count) -> {
            switch (dtype) {
                case I64 -> buf.asLongBuffer().get(out, first, count);
                case U64 -> {
                    for (int i = 0; i < count; i++) {
                        long v = buf.getLong(i * 8);
                        if (v < 0) {
                            throw new InvalidInputException(where + ": tensor " + quote(name)
                                    + " element " + (first + i) + " is U64 "
                                    + Long.toUnsignedString(v) + ", larger than a long can hold");
                        }
                        out[first + i] = v;
                    }
                }
                case I32 -> {
                    for (int i = 0; i < count; i++) {
                        out[first + i] = buf.getInt(i * 4);
                    }
                }
                case U32 -> {
                    for (int i = 0; i < count; i++) {
                        out[first + i] = Integer.toUnsignedLong(buf.getInt(i * 4));
                    }
                }
                case I16 -> {
                    for (int i = 0; i < count; i++) {
                        out[first + i] = buf.getShort(i * 2);
                    }
                }
                case U16 -> {
                    for (int i = 0; i < count; i++) {
                        out[first + i] = buf.getShort(i * 2) & 0xFFFF;
                    }
                }
                case I8 -> {
                    for (int i = 0; i < count; i++) {
                        out[first + i] = buf.get(i);
                    }
                }
                case U8 -> {
                    for (int i = 0; i < count; i++) {
                        out[first + i] = buf.get(i) & 0xFF;
                    }
                }
                case BOOL -> {
                    for (int i = 0; i < count; i++) {
                        out[first + i] = buf.get(i) != 0 ? 1 : 0;
                    }
                }
                default -> throw new AssertionError(dtype);
            }
        });
        return out;
    }

    /** Releases the file channel. Idempotent. */
    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot close " + where + ": " + SafetensorsFormat.oneLine(e.getMessage()), e);
        }
    }

    @Override
    public String toString() {
        return "SafetensorsReader[" + file + ", " + names.size() + " tensors]";
    }

    // ---- reading data ----

    @FunctionalInterface
    private interface ChunkConsumer {
        /** {@code buf} is little-endian, positioned at 0, and holds {@code count} elements. */
        void accept(ByteBuffer buf, int first, int count);
    }

    private int arrayLength(TensorInfo info) {
        long numel = info.numel();
        // The largest array length every JVM accepts.
        if (numel > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException(where + ": tensor " + quote(info.name()) + " has "
                    + numel + " elements, more than a Java array can hold");
        }
        return (int) numel;
    }

    private void forEachChunk(TensorInfo info, ChunkConsumer consumer) {
        if (closed) {
            throw new IllegalStateException(where + " is closed");
        }
        int elementSize = info.dtype().byteSize();
        int perChunk = maxMapBytes / elementSize;
        int total = (int) info.numel();
        for (int first = 0; first < total; first += perChunk) {
            int count = Math.min(perChunk, total - first);
            long position = dataStart + info.begin() + (long) first * elementSize;
            ByteBuffer buf;
            try {
                buf = channel.map(FileChannel.MapMode.READ_ONLY, position, (long) count * elementSize);
            } catch (IOException e) {
                if (closed) {
                    throw new IllegalStateException(where + " is closed", e);
                }
                throw new UncheckedIOException("cannot map tensor " + quote(info.name()) + " of "
                        + where + ": " + SafetensorsFormat.oneLine(e.getMessage()), e);
            }
            consumer.accept(buf.order(ByteOrder.LITTLE_ENDIAN), first, count);
        }
    }

    private void readFully(ByteBuffer dst, long position) throws IOException {
        long pos = position;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, pos);
            if (n < 0) {
                throw bad("the file ends unexpectedly at byte " + pos);
            }
            pos += n;
        }
    }

    // ---- header parsing ----

    private JsonNode parseHeader(ByteBuffer bytes) {
        String text;
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
            text = chars.toString();
        } catch (CharacterCodingException e) {
            throw bad("header is not valid UTF-8");
        }
        JsonNode root;
        try {
            root = SafetensorsFormat.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String at = loc == null ? "" : " (line " + loc.getLineNr() + ", column "
                    + loc.getColumnNr() + ")";
            throw bad("header is not valid JSON: "
                    + SafetensorsFormat.oneLine(e.getOriginalMessage()) + at);
        }
        if (root == null || !root.isObject()) {
            throw bad("header is not a JSON object");
        }
        return root;
    }

    private void parseMetadata(JsonNode node, Map<String, String> into) {
        if (!node.isObject()) {
            throw bad(METADATA_KEY + " is not a JSON object");
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isTextual()) {
                throw bad(METADATA_KEY + " value of " + quote(e.getKey()) + " is not a string");
            }
            into.put(e.getKey(), e.getValue().textValue());
        }
    }

    private TensorInfo parseTensor(String name, JsonNode node) {
        String who = "tensor " + quote(name);
        if (!node.isObject()) {
            throw bad(who + " entry is not a JSON object");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null) {
            throw bad(who + " has no dtype");
        }
        if (!dtypeNode.isTextual()) {
            throw bad(who + " dtype is not a string");
        }
        DType dtype = DType.fromName(dtypeNode.textValue()).orElseThrow(
                () -> bad(who + " has unknown dtype " + quote(dtypeNode.textValue())));

        JsonNode shapeNode = node.get("shape");
        if (shapeNode == null) {
            throw bad(who + " has no shape");
        }
        if (!shapeNode.isArray()) {
            throw bad(who + " shape is not a JSON array");
        }
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToLong()) {
                throw bad(who + " shape " + SafetensorsFormat.oneLine(shapeNode.toString())
                        + " has a dimension that is not an integer");
            }
            shape[i] = d.longValue();
            if (shape[i] < 0) {
                throw bad(who + " shape " + Arrays.toString(shape) + " has a negative dimension");
            }
        }

        JsonNode offsets = node.get("data_offsets");
        if (offsets == null) {
            throw bad(who + " has no data_offsets");
        }
        if (!offsets.isArray() || offsets.size() != 2
                || !offsets.get(0).isIntegralNumber() || !offsets.get(0).canConvertToLong()
                || !offsets.get(1).isIntegralNumber() || !offsets.get(1).canConvertToLong()) {
            throw bad(who + " data_offsets " + SafetensorsFormat.oneLine(offsets.toString())
                    + " is not an array of two integers");
        }
        long begin = offsets.get(0).longValue();
        long end = offsets.get(1).longValue();
        if (begin < 0 || end < begin) {
            throw bad(who + " data_offsets [" + begin + ", " + end
                    + "] must satisfy 0 <= begin <= end");
        }

        long expected;
        try {
            long numel = 1;
            for (long d : shape) {
                numel = Math.multiplyExact(numel, d);
            }
            expected = Math.multiplyExact(numel, dtype.byteSize());
        } catch (ArithmeticException e) {
            throw bad(who + " shape " + Arrays.toString(shape) + " has too many elements");
        }
        if (end - begin != expected) {
            throw bad(who + " data_offsets [" + begin + ", " + end + "] span " + (end - begin)
                    + " bytes, but shape " + Arrays.toString(shape) + " of " + dtype + " needs "
                    + expected);
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    private void checkNoOverlap(Iterable<TensorInfo> infos) {
        List<TensorInfo> sorted = new ArrayList<>();
        for (TensorInfo t : infos) {
            // An empty range holds no bytes and so overlaps nothing.
            if (t.end() > t.begin()) {
                sorted.add(t);
            }
        }
        sorted.sort(Comparator.comparingLong(TensorInfo::begin));
        for (int i = 1; i < sorted.size(); i++) {
            TensorInfo a = sorted.get(i - 1);
            TensorInfo b = sorted.get(i);
            if (b.begin() < a.end()) {
                throw bad("tensors " + quote(a.name()) + " [" + a.begin() + ", " + a.end() + ") and "
                        + quote(b.name()) + " [" + b.begin() + ", " + b.end() + ") overlap");
            }
        }
    }

    private InvalidInputException bad(String problem) {
        return new InvalidInputException(where + ": " + problem);
    }

    private static void closeQuietly(FileChannel channel, Throwable primary) {
        try {
            channel.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }
}
