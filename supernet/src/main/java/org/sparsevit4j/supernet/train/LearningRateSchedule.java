package org.sparsevit4j.supernet.train;

import org.sparsevit4j.supernet.checkpoint.TrainSettings;

/**
 * Linear warm-up from 0 to the base rate over {@code warmupSteps}, then cosine decay to
 * {@code minRate} at {@code totalSteps}: the usual schedule for fine-tuning vision transformers.
 *
 * @param baseRate peak learning rate
 * @param minRate final learning rate
 * @param warmupSteps steps of linear warm-up
 * @param totalSteps steps of the whole run
 */
public record LearningRateSchedule(double baseRate, double minRate, long warmupSteps, long totalSteps) {

    public LearningRateSchedule {
        TrainSettings.checkRates(baseRate, minRate, warmupSteps, totalSteps);
    }

    /** The rate of step {@code step} (0-based). */
    public double rate(long step) {
        if (step < warmupSteps) {
            return baseRate * (step + 1) / warmupSteps;
        }
        long decaySteps = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
        return minRate + (baseRate - minRate) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
