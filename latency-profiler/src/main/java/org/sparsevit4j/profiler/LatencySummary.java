package org.sparsevit4j.profiler;

import java.util.Arrays;

/**
 * Summary of the timed passes of one measurement, in milliseconds.
 *
 * <p>The median is the figure every comparison uses; the interquartile mean (the mean of the
 * middle half) is a second robust centre; p90 and the standard deviation show the tail. A
 * measurement is <em>noisy</em> when its relative spread, the interquartile range over the median,
 * exceeds the threshold it was checked against: such a figure is re-measured or flagged, never
 * silently used.
 *
 * @param medianMs median pass
 * @param iqmMs interquartile mean: the mean of the passes left after dropping the fastest and the
 *     slowest quarter
 * @param p90Ms 90th percentile (linear interpolation, numpy's default)
 * @param stdMs sample standard deviation (0 for a single pass)
 * @param minMs fastest pass
 * @param maxMs slowest pass
 * @param iqrMs interquartile range
 * @param n timed passes
 */
public record LatencySummary(double medianMs, double iqmMs, double p90Ms, double stdMs, double minMs, double maxMs,
        double iqrMs, int n) {

    /** Summarises the passes {@code samples} (milliseconds, at least one). */
    public static LatencySummary of(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no timed passes to summarise");
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        int drop = n / 4;
        double middle = 0;
        for (int i = drop; i < n - drop; i++) {
            middle += sorted[i];
        }
        double mean = Arrays.stream(sorted).average().orElseThrow();
        double squares = Arrays.stream(sorted).map(v -> (v - mean) * (v - mean)).sum();
        return new LatencySummary(quantile(sorted, 0.5), middle / (n - 2 * drop), quantile(sorted, 0.9),
                n > 1 ? Math.sqrt(squares / (n - 1)) : 0, sorted[0], sorted[n - 1],
                quantile(sorted, 0.75) - quantile(sorted, 0.25), n);
    }

    /** Interquartile range over the median: 0.1 means the middle half of the passes spans 10% of it. */
    public double relativeSpread() {
        return medianMs > 0 ? iqrMs / medianMs : 0;
    }

    /** Whether the spread exceeds {@code maxRelativeSpread}. */
    public boolean noisierThan(double maxRelativeSpread) {
        return relativeSpread() > maxRelativeSpread;
    }

    /** Median of {@code values}. */
    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return quantile(sorted, 0.5);
    }

    /** Linear-interpolation quantile of sorted values (numpy's default). */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(low + 1, sorted.length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }
}
