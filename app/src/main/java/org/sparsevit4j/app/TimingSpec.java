package org.sparsevit4j.app;

import org.sparsevit4j.profiler.MeasurementPlan;

/**
 * How a latency measurement is made: of which model, at which input and precision, on which device,
 * with how many passes.
 *
 * @param model the model timed
 * @param resolution the input size, or null (672, or a table's)
 * @param batch images per pass, or null (1, or a table's)
 * @param dtype {@code f32}, {@code f16} or {@code bf16}, or null (f32, or a table's)
 * @param device {@code cpu}, {@code gpu} or {@code gpu:N}
 * @param plan warm-up and timed passes, noise check
 */
public record TimingSpec(ModelChoice model, Resolution resolution, Integer batch, String dtype, String device,
        MeasurementPlan plan) {
}
