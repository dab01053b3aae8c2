package org.sparsevit4j.profiler;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sparsevit4j.supernet.model.ForwardObserver;

/**
 * Times the parts of one forward pass in place: each part's time is the time since the previous
 * part finished, so the parts (and {@link #REST}, what follows the last of them: final norm,
 * pooling, head, the copy to the host) add up to the whole pass.
 *
 * <p>On a GPU each part ends by copying one element of its output to the host, which waits for
 * the part's kernels; on the CPU the engine runs operations synchronously and nothing is copied.
 */
final class PartTimer implements ForwardObserver {

    /** The part after the backbone's last: the task head (a classifier's final norm, pooling and linear head, or a
     * segmenter's decoder) and the copy of one logit to the host. */
    static final String REST = "head";

    private final boolean synchronize;
    private final Map<String, Double> parts = new LinkedHashMap<>();
    private long last;

    PartTimer(boolean synchronize) {
        this.synchronize = synchronize;
    }

    /** Whether each part waits for the device (a GPU) before the clock is read. */
    boolean synchronizes() {
        return synchronize;
    }

    /** Forgets the previous pass and starts the clock. */
    void start() {
        parts.clear();
        last = System.nanoTime();
    }

    @Override
    public void partDone(String part, NDArray output) {
        if (synchronize) {
            ForwardTimer.waitFor(output);
        }
        long now = System.nanoTime();
        parts.merge(part, (now - last) / 1e6, Double::sum);
        last = now;
    }

    /** Stops the clock: the time since the last part goes to {@link #REST}. */
    void finish() {
        parts.merge(REST, (System.nanoTime() - last) / 1e6, Double::sum);
    }

    /** Milliseconds per part of the last pass, in the order the parts finished. */
    Map<String, Double> parts() {
        return Map.copyOf(parts);
    }
}
