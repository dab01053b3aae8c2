package org.sparsevit4j.app;

import java.util.List;
import java.util.function.Consumer;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.evaluator.EvaluationResult;

/**
 * Where a search's evaluations run: "evaluate these configurations, return the results in order".
 * The search hands over a generation's new configurations at once (through
 * {@link org.sparsevit4j.search.ConfigEvaluator#evaluateAll}, which {@link PooledFitness} turns into
 * a call here) and takes result {@code i} as the metric of configuration {@code i}, so where and in
 * which order they were computed changes nothing in the files a search or a batch job writes.
 *
 * <p>Two implementations: {@link ReplicaPool}, a model replica per local device on a thread of its
 * own (what {@code --devices} chooses), and one on other machines, opened by a {@link Remote} that
 * {@link EvaluationDevices#open(java.nio.file.Path, DataSpec, org.sparsevit4j.supernet.data.Split,
 * Resolution, int, int, CacheSpec, org.sparsevit4j.supernet.model.Precision, DeviceList, Remote, Progress)}
 * is given ({@link org.sparsevit4j.app.batch.BatchJobs#run} and the {@code Searches.run} and
 * {@code Searches.resume} that take one pass it on). An implementation:
 * <ul>
 * <li>returns exactly one result per configuration given, in the order given, each computed by the
 *     same model on the same split as the local evaluator would ({@link ModelSession#evaluator});
 *     a configuration listed twice may be evaluated once;</li>
 * <li>serves a configuration that the session's result cache already holds from the cache, and puts
 *     every result it computes into that cache (the cache is what a resumed search or a later target
 *     of a batch job reads), marking results from the cache as {@link EvaluationResult#cached};</li>
 * <li>calls {@code observer} once per configuration, on the calling thread, for the progress display;</li>
 * <li>retries work lost to a failing worker itself, and throws
 *     {@link org.sparsevit4j.core.MachineFailureException} only when it cannot finish the list
 *     ({@link org.sparsevit4j.core.InvalidInputException} when the input is bad on any worker alike,
 *     and {@link org.sparsevit4j.core.StopRequestedException} when a signal asked this process to stop:
 *     neither is retried);</li>
 * <li>is idle when {@code evaluateAll} returns or throws: the caller measures latency on a local
 *     device between calls.</li>
 * </ul>
 * It is called from one thread at a time.
 */
public interface EvaluationService extends AutoCloseable {

    /** The result of each of {@code configs}, in their order; {@code observer} sees each, on the calling thread. */
    List<EvaluationResult> evaluateAll(List<SparsityConfig> configs, Consumer<EvaluationResult> observer);

    /** Where evaluations run, in one line for the log, e.g. {@code 2 replicas (cpu#0, cpu#1)}. */
    String description();

    /** Stops the service's workers; the local session it was opened on is closed by its owner. */
    @Override
    void close();

    /**
     * Opens an evaluation service elsewhere (a cluster) for the model, data and cache of a local
     * session. The session is loaded on the first device of the job's or search's devices and stays
     * the source of the provenance, of the per-class IoU and of latency measurements; it is also the
     * spec of what the remote workers load (its checkpoint file and SHA-256, data, split, resolution,
     * batch and precision).
     */
    @FunctionalInterface
    interface Remote {

        EvaluationService open(ModelSession primary, Progress progress);
    }
}
