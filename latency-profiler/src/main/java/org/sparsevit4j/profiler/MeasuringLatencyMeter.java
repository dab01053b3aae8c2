package org.sparsevit4j.profiler;

import java.util.List;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.search.LatencyMeter;

/**
 * The search's {@link LatencyMeter}: measures each reported configuration with the profiler's one
 * measuring path (warm-up, timed passes, noise check) on the timer's device.
 */
public final class MeasuringLatencyMeter implements LatencyMeter {

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
        return LatencyMeasurement.configurations(timer, List.of(config), plan, line -> { }).get(0).summary().medianMs();
    }

    @Override
    public String description() {
        return "median of " + plan.runs() + " passes after " + plan.warmup() + " warm-up, " + timer.model().arch().name()
                + " at " + timer.input().resolution() + ", batch " + timer.input().batch() + ", on " + device;
    }
}
