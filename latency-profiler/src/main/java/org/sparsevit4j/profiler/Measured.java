package org.sparsevit4j.profiler;

/**
 * The outcome of measuring one configuration: the summary of its timed passes, whether it stayed
 * noisier than the plan allows after every retry, and how many attempts it took.
 */
public record Measured(LatencySummary summary, boolean noisy, int attempts) {
}
