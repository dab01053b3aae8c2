package org.sparsevit4j.supernet.io;

import java.util.Arrays;
import java.util.Objects;
import org.sparsevit4j.core.InvalidInputException;

/**
 * A tensor to be written by {@link SafetensorsWriter}: values always given as {@code float}s,
 * converted to {@code dtype} on write.
 *
 * @param name the tensor's name in the file
 * @param shape the dimensions, outermost first (empty for a scalar); copied on the way in and out
 * @param data the values in row-major order; <b>not</b> copied, since weight arrays can be large, so
 *     do not change it before the write
 * @param dtype {@link DType#F32}, {@link DType#F16} or {@link DType#BF16}
 */
public record NamedTensor(String name, long[] shape, float[] data, DType dtype) {

    /**
     * Checks the tensor.
     *
     * @throws InvalidInputException if a dimension is negative, the shape does not hold exactly
     *     {@code data.length} elements, or the dtype is not F32, F16 or BF16
     */
    public NamedTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
        String who = "tensor " + SafetensorsFormat.quote(name);
        if (dtype != DType.F32 && dtype != DType.F16 && dtype != DType.BF16) {
            throw new InvalidInputException(
                    who + ": cannot write dtype " + dtype + "; the writer supports F32, F16 and BF16");
        }
        long numel = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new InvalidInputException(
                        who + ": shape " + Arrays.toString(shape) + " has a negative dimension");
            }
            try {
                numel = Math.multiplyExact(numel, d);
            } catch (ArithmeticException e) {
                throw new InvalidInputException(
                        who + ": shape " + Arrays.toString(shape) + " has too many elements");
            }
        }
        if (numel != data.length) {
            throw new InvalidInputException(who + ": shape " + Arrays.toString(shape) + " holds "
                    + numel + " elements but data has " + data.length);
        }
    }

    /** An {@link DType#F32} tensor. */
    public NamedTensor(String name, long[] shape, float[] data) {
        this(name, shape, data, DType.F32);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedTensor t
                && name.equals(t.name)
                && Arrays.equals(shape, t.shape)
                && Arrays.equals(data, t.data)
                && dtype == t.dtype;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(shape), Arrays.hashCode(data), dtype);
    }

    @Override
    public String toString() {
        return "NamedTensor[" + name + ", " + Arrays.toString(shape) + ", " + dtype + "]";
    }
}
