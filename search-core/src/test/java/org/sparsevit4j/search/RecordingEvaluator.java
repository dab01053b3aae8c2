package org.sparsevit4j.search;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.sparsevit4j.core.SparsityConfig;

/**
 * Wraps an evaluator and fails the test if the search ever evaluates a configuration twice or one
 * that breaks the budget; counts calls.
 */
final class RecordingEvaluator implements ConfigEvaluator {

    private final ConfigEvaluator inner;
    private final Predicate<SparsityConfig> feasible;
    private final ConcurrentHashMap<SparsityConfig, Boolean> seen = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final boolean reversed;

    /** @param reversed whether a batch is computed last to first, as an evaluator spread over devices may finish it */
    RecordingEvaluator(ConfigEvaluator inner, Predicate<SparsityConfig> feasible, boolean reversed) {
        this.inner = inner;
        this.feasible = feasible;
        this.reversed = reversed;
    }

    @Override
    public double[] evaluateAll(java.util.List<SparsityConfig> configs) {
        double[] metrics = new double[configs.size()];
        for (int k = 0; k < metrics.length; k++) {
            int i = reversed ? metrics.length - 1 - k : k;
            metrics[i] = evaluate(configs.get(i));
        }
        return metrics;
    }

    @Override
    public double evaluate(SparsityConfig config) {
        calls.incrementAndGet();
        if (seen.putIfAbsent(config, Boolean.TRUE) != null) {
            fail("evaluated twice: " + config.compact());
        }
        if (!feasible.test(config)) {
            fail("evaluated a configuration over budget: " + config.compact());
        }
        return inner.evaluate(config);
    }

    int calls() {
        return calls.get();
    }

    @Override
    public String metricName() {
        return inner.metricName();
    }

    @Override
    public String description() {
        return inner.description();
    }
}
