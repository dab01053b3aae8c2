package org.sparsevit4j.profiler;

import org.sparsevit4j.core.SparsityConfig;

/**
 * The measured latency of one configuration.
 *
 * @param name the configuration's name in the report
 * @param config the configuration
 * @param macs analytic backbone MACs per image
 * @param macFraction MACs over those of the dense backbone
 * @param latency the timed passes' summary
 * @param noisy whether the passes stayed noisier than the plan allows after every retry
 * @param latencyFraction median over the baseline's median (the first configuration timed)
 */
public record LatencyResult(String name, SparsityConfig config, long macs, double macFraction, LatencySummary latency,
        boolean noisy, double latencyFraction) {

    public double medianMs() {
        return latency.medianMs();
    }
}
