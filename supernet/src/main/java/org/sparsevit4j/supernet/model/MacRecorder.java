package org.sparsevit4j.supernet.model;

import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts the multiply-accumulates of the matrix products a forward pass actually runs, from the
 * shapes of the arrays it multiplies. Tests hold it against the analytic count of
 * {@code MacCounter}; nothing else reads it, so the model only calls it when one is attached.
 *
 * <p>Keys: {@code patch_embed}, {@code block S.B} (stage and block), {@code merging S} and
 * {@code head}.
 */
public final class MacRecorder {

    private final Map<String, Long> macs = new LinkedHashMap<>();

    /** A linear map of {@code input (..., in)} to {@code out} features. */
    void linear(String key, Shape input, long out) {
        long rows = input.size() / input.get(input.dimension() - 1);
        add(key, rows * input.get(input.dimension() - 1) * out);
    }

    /** A batched product {@code (..., m, k) · (..., k, n)} with equal batch shapes. */
    void matmul(String key, Shape left, Shape right) {
        long batchAndRows = left.size() / left.get(left.dimension() - 1);
        add(key, batchAndRows * left.get(left.dimension() - 1) * right.get(right.dimension() - 1));
    }

    void add(String key, long value) {
        macs.merge(key, value, Long::sum);
    }

    /** MACs recorded under {@code key}, 0 if none. */
    public long get(String key) {
        return macs.getOrDefault(key, 0L);
    }

    public long total() {
        return macs.values().stream().mapToLong(Long::longValue).sum();
    }
}
