package org.sparsevit4j.search;

import java.util.List;
import org.sparsevit4j.core.SparsityConfig;

/**
 * Measured latency of a configuration on the target device: what the search re-measures for the
 * configurations it reports (the best and the Pareto front), so each carries its predicted and
 * its measured latency side by side. Implemented by the latency profiler.
 *
 * <p>Called from the search's thread only, after the last generation. Measurements are not
 * reproducible to the bit, so the result files of a run with a meter differ between runs in
 * these fields alone.
 */
public interface LatencyMeter {

    /** Median measured latency of {@code config} in milliseconds. */
    double measureMs(SparsityConfig config);

    /**
     * Median measured latency of each configuration, in the given order. A meter that can
     * measure several together (warming up once, spreading the machine's drift over all of them)
     * overrides this; by default each is measured on its own.
     */
    default List<Double> measureAll(List<SparsityConfig> configs) {
        return configs.stream().map(this::measureMs).toList();
    }

    /** One line describing the measurement (device, batch, passes) for provenance. */
    default String description() {
        return getClass().getName();
    }
}
