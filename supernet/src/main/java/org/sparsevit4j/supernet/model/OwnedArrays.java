package org.sparsevit4j.supernet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Arrays made from Java data that own their memory.
 *
 * <p>On the CPU, DJL's PyTorch engine wraps Java data without copying ({@code from_blob} over a
 * direct buffer that only the Java array object keeps alive). When that object is closed while
 * autograd still holds the tensor, the buffer can be collected and the backward pass reads freed
 * memory: gradients that are occasionally, irreproducibly, huge or infinite. This happens to
 * index arrays closed with their scope before the backward pass, and inside DJL itself to every
 * {@code x.mul(number)} (it wraps the number, multiplies, and closes the wrapper, while the
 * product's backward pass reads it). A copy made by the engine owns its memory.
 */
final class OwnedArrays {

    private OwnedArrays() {
    }

    /** A float32 scalar on {@code manager} whose memory the engine owns. */
    static NDArray scalar(NDManager manager, float value) {
        try (NDArray wrapped = manager.create(value)) {
            return wrapped.duplicate();
        }
    }

    /** An int64 array of {@code values} on {@code manager} whose memory the engine owns. */
    static NDArray longs(NDManager manager, long[] values, Shape shape) {
        try (NDArray wrapped = manager.create(values, shape)) {
            return wrapped.duplicate();
        }
    }
}
