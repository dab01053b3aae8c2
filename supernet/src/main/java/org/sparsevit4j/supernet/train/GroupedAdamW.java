package org.sparsevit4j.supernet.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.optimizer.Optimizer;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AdamW (decoupled weight decay) for DJL's {@code Trainer}, with what DJL's own {@code AdamW}
 * lacks for this job: weight decay only on the parameters that should decay (not on norms,
 * biases and relative position tables, the standard recipe for Swin), a learning rate that
 * follows the trainer's global step, and a state that can be saved in a checkpoint and restored,
 * so that a resumed run continues exactly.
 *
 * <p>Parameters are known by their checkpoint names ({@code ParameterNames}); DJL identifies
 * them by per-process ids, which this class maps.
 */
public final class GroupedAdamW extends Optimizer {

    private final Map<String, String> nameById;
    private final Set<String> decayed;
    private volatile LearningRateSchedule schedule;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final float weightDecay;
    private final Map<String, NDArray> expAvg = new ConcurrentHashMap<>();
    private final Map<String, NDArray> expAvgSq = new ConcurrentHashMap<>();
    private volatile long step;

    /**
     * @param nameById checkpoint name of each DJL parameter id
     * @param decayed names of the parameters that get weight decay
     */
    public GroupedAdamW(Map<String, String> nameById, Set<String> decayed, LearningRateSchedule schedule,
            float weightDecay) {
        super(new Builder());
        this.nameById = Map.copyOf(nameById);
        this.decayed = Set.copyOf(decayed);
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.beta1 = 0.9f;
        this.beta2 = 0.999f;
        this.epsilon = 1e-8f;
        this.weightDecay = weightDecay;
    }

    /** Sets the 0-based global step of the coming update (learning rate and bias correction). */
    public void beginStep(long globalStep) {
        this.step = globalStep;
    }

    /** Replaces the schedule (a run shortened to fit its time budget). */
    public void reschedule(LearningRateSchedule replacement) {
        this.schedule = Objects.requireNonNull(replacement, "replacement");
    }

    public double learningRate() {
        return schedule.rate(step);
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        String name = nameById.get(parameterId);
        if (name == null) {
            throw new IllegalStateException("parameter " + parameterId + " is not known to the optimizer");
        }
        long t = step + 1;
        double lr = schedule.rate(step);
        double correction1 = 1 - Math.pow(beta1, t);
        double correction2 = 1 - Math.pow(beta2, t);
        try (NDScope scope = new NDScope()) {
            NDArray m = state(expAvg, name, weight);
            NDArray v = state(expAvgSq, name, weight);
            m.muli(beta1).addi(grad.mul(1 - beta1));
            v.muli(beta2).addi(grad.square().muli(1 - beta2));
            if (decayed.contains(name)) {
                weight.muli(1 - lr * weightDecay);
            }
            NDArray denominator = v.sqrt().divi(Math.sqrt(correction2)).addi(epsilon);
            weight.subi(m.div(denominator).muli(lr / correction1));
            scope.suppressNotUsedWarning();
        }
    }

    private static NDArray state(Map<String, NDArray> map, String name, NDArray weight) {
        return map.computeIfAbsent(name, k -> {
            NDArray zeros = weight.zerosLike();
            NDScope.unregister(zeros); // lives as long as the optimizer, not the update
            return zeros;
        });
    }

    /**
     * The moment estimates by {@code exp_avg.NAME} and {@code exp_avg_sq.NAME}, for a checkpoint,
     * sorted so that the same state always gives the same file.
     */
    public Map<String, NDArray> state() {
        Map<String, NDArray> out = new TreeMap<>();
        expAvg.forEach((name, m) -> out.put("exp_avg." + name, m));
        expAvgSq.forEach((name, v) -> out.put("exp_avg_sq." + name, v));
        return out;
    }

    /** Restores moment estimates saved by {@link #state()}; the arrays become this optimizer's. */
    public void restore(Map<String, NDArray> saved) {
        saved.forEach((key, value) -> {
            if (key.startsWith("exp_avg_sq.")) {
                expAvgSq.put(key.substring("exp_avg_sq.".length()), value);
            } else if (key.startsWith("exp_avg.")) {
                expAvg.put(key.substring("exp_avg.".length()), value);
            } else {
                throw new IllegalArgumentException("not an optimizer state key: " + key);
            }
        });
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
