package org.sparsevit4j.search;

import org.sparsevit4j.core.SparsityConfig;

/**
 * Predicted latency of a configuration on the target device, in milliseconds. Implemented by the
 * latency profiler (a per-block lookup table measured on the device); MACs need no model, they are
 * counted analytically ({@link MacCostTable}).
 *
 * <p>Rejection sampling asks it about every draw that meets the MAC budget, thousands of times per
 * generation, so it should be cheap (a table lookup: microseconds) or cache what it measured, and it
 * must be deterministic for a given configuration within a run (a resumed run must draw the same).
 * It is called from the search's alteration thread only, never concurrently. It need not fall when
 * a ratio rises (on a GPU, gathering windows can cost more than it saves); the up-front check of an
 * impossible latency window looks at the nine uniform configurations.
 */
@FunctionalInterface
public interface CostModel {

    /** Predicted latency of {@code config} in milliseconds; must be finite and not negative. */
    double latencyMs(SparsityConfig config);

    /** One line describing the model (device, batch size, table file) for provenance. */
    default String description() {
        return getClass().getName();
    }
}
