package org.sparsevit4j.supernet.io;

import java.util.Optional;

/**
 * Element types of the safetensors format, named exactly as they appear in a file's header.
 *
 * <p>{@link SafetensorsReader#readFloats} accepts every {@linkplain #isFloatingPoint() floating
 * point} type; {@link SafetensorsReader#readLongs} accepts every other type (integers and
 * {@link #BOOL}). {@link #F8_E4M3} is the "fn" variant PyTorch calls {@code float8_e4m3fn}: no
 * infinities, and only {@code S.1111.111} is NaN.
 */
public enum DType {
    BOOL(1, false),
    U8(1, false),
    I8(1, false),
    F8_E5M2(1, true),
    F8_E4M3(1, true),
    U16(2, false),
    I16(2, false),
    F16(2, true),
    BF16(2, true),
    U32(4, false),
    I32(4, false),
    F32(4, true),
    U64(8, false),
    I64(8, false),
    F64(8, true);

    private final int byteSize;
    private final boolean floatingPoint;

    DType(int byteSize, boolean floatingPoint) {
        this.byteSize = byteSize;
        this.floatingPoint = floatingPoint;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** Whether the elements are floating point numbers (read with {@code readFloats}). */
    public boolean isFloatingPoint() {
        return floatingPoint;
    }

    /**
     * The type a header names, or empty when the name is not a known safetensors dtype. Matching is
     * exact (case-sensitive), as in the format.
     */
    public static Optional<DType> fromName(String name) {
        for (DType d : values()) {
            if (d.name().equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
