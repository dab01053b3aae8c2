package org.sparsevit4j.profiler;

import org.sparsevit4j.core.InvalidInputException;

/**
 * How to measure: untimed warm-up passes, timed passes, the largest relative spread (interquartile
 * range over median) a measurement may have, and how many times a noisier one is measured again
 * before it is reported as noisy; the seed of the order in which each round passes over the items.
 */
public record MeasurementPlan(int warmup, int runs, double maxRelativeSpread, int retries, long orderSeed) {

    /** Spread above which a measurement is re-run: the middle half of the passes spanning 10% of the median. */
    public static final double DEFAULT_MAX_SPREAD = 0.10;
    public static final int DEFAULT_RETRIES = 2;

    public MeasurementPlan {
        if (warmup < 0) {
            throw new InvalidInputException("--warmup " + warmup + " must not be negative");
        }
        if (runs < 1) {
            throw new InvalidInputException("--runs " + runs + " must be at least 1");
        }
        if (!(maxRelativeSpread > 0)) {
            throw new InvalidInputException("--max-spread " + maxRelativeSpread + " must be above 0");
        }
        if (retries < 0) {
            throw new InvalidInputException("--retries " + retries + " must not be negative");
        }
    }

    /** Seed of the round-robin order unless a caller says otherwise. */
    public static final long DEFAULT_ORDER_SEED = 0x0DE5_5EEDL;

    /** A plan with the default order seed. */
    public MeasurementPlan(int warmup, int runs, double maxRelativeSpread, int retries) {
        this(warmup, runs, maxRelativeSpread, retries, DEFAULT_ORDER_SEED);
    }

    /** {@code warmup} and {@code runs} with the default noise check. */
    public static MeasurementPlan of(int warmup, int runs) {
        return new MeasurementPlan(warmup, runs, DEFAULT_MAX_SPREAD, DEFAULT_RETRIES);
    }
}
