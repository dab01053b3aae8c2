package org.sparsevit4j.app;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.evaluator.EvaluationResult;

/**
 * A replica without a model, for the pool's tests: its metric is a fixed function of the configuration
 * ({@link #metric}), it may sleep to shuffle the order in which replicas finish, and it fails on the
 * calls a predicate picks (1-based), as a device lost mid-generation would.
 */
final class FakeReplica implements Replica {

    private final String name;
    private final long sleepMs;
    private final IntPredicate failsOnCall;
    private final RuntimeException failure;
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger running;
    volatile String thread;

    FakeReplica(String name, long sleepMs, IntPredicate failsOnCall, RuntimeException failure, AtomicInteger running) {
        this.name = name;
        this.sleepMs = sleepMs;
        this.failsOnCall = failsOnCall;
        this.failure = failure;
        this.running = running;
    }

    static FakeReplica healthy(String name, long sleepMs, AtomicInteger running) {
        return new FakeReplica(name, sleepMs, call -> false, null, running);
    }

    /** A deterministic metric in (0, 1): a weighted sum of the ratios, so that configurations differ. */
    static double metric(SparsityConfig config) {
        double sum = 0;
        int k = 0;
        for (List<Double> stage : config.ratios()) {
            for (double r : stage) {
                sum += r * (1 + 0.37 * k++);
            }
        }
        return 1 / (1 + sum);
    }

    static EvaluationResult result(SparsityConfig config) {
        return new EvaluationResult(config, "search", 10, false, metric(config), Double.NaN, Double.NaN, List.of(), 0,
                false);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public EvaluationResult evaluate(SparsityConfig config) {
        thread = Thread.currentThread().getName();
        running.incrementAndGet();
        try {
            int call = calls.incrementAndGet();
            if (sleepMs > 0) {
                Thread.sleep(sleepMs);
            }
            if (failsOnCall.test(call)) {
                throw failure;
            }
            return result(config);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            running.decrementAndGet();
        }
    }

    @Override
    public void close() {
    }
}
