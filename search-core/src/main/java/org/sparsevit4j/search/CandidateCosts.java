package org.sparsevit4j.search;

/**
 * What a configuration costs: backbone MACs (counted analytically, always known) and predicted
 * latency (only when the search has a {@link CostModel}; {@code NaN} otherwise).
 *
 * @param macs backbone multiply-accumulates at batch 1, the paper's GMAC figure times 1e9
 * @param latencyMs predicted latency in milliseconds, or {@code NaN} when no latency model was given
 */
public record CandidateCosts(long macs, double latencyMs) {

    public CandidateCosts {
        if (macs < 0) {
            throw new IllegalArgumentException("macs " + macs + " must not be negative");
        }
        if (latencyMs < 0 || Double.isInfinite(latencyMs)) {
            throw new IllegalArgumentException("latency " + latencyMs + " ms must be finite and not negative");
        }
    }

    /** Costs without a latency prediction. */
    public static CandidateCosts ofMacs(long macs) {
        return new CandidateCosts(macs, Double.NaN);
    }

    public double gmacs() {
        return macs / 1e9;
    }

    public boolean hasLatency() {
        return !Double.isNaN(latencyMs);
    }
}
