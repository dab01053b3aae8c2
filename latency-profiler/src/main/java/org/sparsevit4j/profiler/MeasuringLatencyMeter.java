package org.sparsevit4j.profiler;

import java.util.List;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.search.LatencyMeter;

/**
 * The search's {@link LatencyMeter}: measures each reported configuration with the profiler's one
 * measuring path (warm-up, timed passes, noise check) on the timer's device.
 */
public final class MeasuringLatencyMeter implements LatencyMeter {

    /** Passes before the first measurement, beyond the plan's warm-up of each configuration. */
    private static final int WARM_PASSES = 10;

    private final ForwardTimer timer;
    private final MeasurementPlan plan;
    private final String device;

    public MeasuringLatencyMeter(ForwardTimer timer, MeasurementPlan plan, DeviceFingerprint device) {
        this.timer = timer;
        this.plan = plan;
        this.device = device.describe();
    }

    @Override
    public double measureMs(SparsityConfig config) {
        return measureAll(List.of(config)).get(0);
    }

    /**
     * Measures the configurations together, round-robin, after warming the model up: the timing
     * model has not run before, and its first passes pay for allocation and layout caches.
     */
    @Override
    public List<Double> measureAll(List<SparsityConfig> configs) {
        for (int i = 0; i < WARM_PASSES; i++) {
            timer.passMs(configs.get(0));
        }
        return LatencyMeasurement.configurations(timer, configs, plan, line -> { }).stream()
                .map(m -> m.summary().medianMs())
                .toList();
    }

    @Override
    public String description() {
        return "median of " + plan.runs() + " passes after " + plan.warmup() + " warm-up, " + timer.model().arch().name()
                + " at " + timer.input().resolution() + ", batch " + timer.input().batch() + ", on " + device;
    }
}
