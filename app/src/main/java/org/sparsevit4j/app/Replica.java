package org.sparsevit4j.app;

import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.evaluator.EvaluationResult;

/**
 * One copy of the evaluated model on one device, used by one thread of a {@link ReplicaPool} at a
 * time and always by the same thread (libtorch keeps its intra-op thread count and grad mode per
 * thread, and a CUDA context is cheapest kept on one thread).
 */
public interface Replica extends AutoCloseable {

    /** The replica's name in messages, e.g. {@code cpu#1} or {@code gpu:0}. */
    String name();

    /** Runs once on the replica's thread before its first evaluation (thread-local engine settings). */
    default void prepareThread() {
    }

    /** The metrics of {@code config}; any exception but bad input marks this replica as failed. */
    EvaluationResult evaluate(SparsityConfig config);

    @Override
    void close();
}
