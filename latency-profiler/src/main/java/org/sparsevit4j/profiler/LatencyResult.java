package org.sparsevit4j.profiler;

import org.sparsevit4j.core.SparsityConfig;

/**
 * The measured latency of one configuration.
 *
 * @param name the configuration's name in the report
 * @param config the configuration
 * @param macs analytic backbone MACs per image
 * @param macFraction MACs over those of the dense backbone
 * @param medianMs median latency of a forward pass, milliseconds
 * @param minMs fastest pass
 * @param maxMs slowest pass
 * @param iqrMs interquartile range of the passes
 * @param latencyFraction median over the baseline's median (the first configuration timed)
 * @param runs timed passes
 */
public record LatencyResult(String name, SparsityConfig config, long macs, double macFraction, double medianMs,
        double minMs, double maxMs, double iqrMs, double latencyFraction, int runs) {
}
