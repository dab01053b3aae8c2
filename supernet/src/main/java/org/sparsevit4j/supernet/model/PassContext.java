package org.sparsevit4j.supernet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.util.PairList;

/**
 * What the blocks of one forward pass share beyond their input tensors, carried through DJL's
 * {@code forward(ParameterStore, NDList, boolean, PairList)} as its {@code params}: the MAC
 * recorder and the observer of the pass (either may be absent), the stage's pruning levels and
 * window layouts, and for a block the window inputs of its parity. Each value lives under its own
 * key, so a block reads what it needs and a caller adds what it knows.
 */
public final class PassContext {

    static final String RECORDER = "sparsevit4j.recorder";
    static final String OBSERVER = "sparsevit4j.observer";
    static final String LEVELS = "sparsevit4j.levels";
    static final String LAYOUTS = "sparsevit4j.layouts";
    static final String WINDOWS = "sparsevit4j.windows";
    static final String OUTPUT_SIZE = "sparsevit4j.output-size";

    private PassContext() {
    }

    /**
     * The window inputs of a block: which tokens are real, the relative-position index and the
     * shift mask of its parity.
     *
     * @param valid 1 for real tokens and 0 for padding, broadcastable to {@code (B, K, N, 1)}, or null
     *     when the map needs no padding
     * @param relativeIndex relative-position index of the window size
     * @param mask shift mask broadcastable to {@code (B, K, 1, N, N)}, or null
     */
    record Windows(NDArray valid, NDArray relativeIndex, NDArray mask) {
    }

    /** Parameters with the pass's recorder and observer (each may be null). */
    public static PairList<String, Object> of(MacRecorder recorder, ForwardObserver observer) {
        PairList<String, Object> params = new PairList<>();
        if (recorder != null) {
            params.add(RECORDER, recorder);
        }
        if (observer != null) {
            params.add(OBSERVER, observer);
        }
        return params;
    }

    /** A copy of {@code params} with {@code key} set to {@code value}. */
    static PairList<String, Object> with(PairList<String, Object> params, String key, Object value) {
        PairList<String, Object> out = new PairList<>(params == null ? 4 : params.size() + 1);
        if (params != null) {
            params.forEach(p -> {
                if (!p.getKey().equals(key)) {
                    out.add(p);
                }
            });
        }
        out.add(key, value);
        return out;
    }

    static MacRecorder recorder(PairList<String, Object> params) {
        return (MacRecorder) value(params, RECORDER);
    }

    static ForwardObserver observer(PairList<String, Object> params) {
        return (ForwardObserver) value(params, OBSERVER);
    }

    /** A value every caller of this block must give; a missing one is a wiring error of the model's code. */
    static Object required(PairList<String, Object> params, String key, String block) {
        Object v = value(params, key);
        if (v == null) {
            throw new IllegalStateException(block + " needs \"" + key + "\" in its forward parameters");
        }
        return v;
    }

    private static Object value(PairList<String, Object> params, String key) {
        return params == null ? null : params.get(key);
    }
}
