package org.sparsevit4j.app;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.MachineFailureException;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.StopRequestedException;
import org.sparsevit4j.evaluator.EvaluationResult;

/**
 * Evaluates a list of configurations over several {@link Replica}s at once and returns the results
 * in the order of the list, whichever replica computed which and whenever it finished, so that the
 * outcome equals one replica's.
 *
 * <p>Threads, one per replica, in this process, rather than a worker process per device: each
 * replica is a model of its own on its own thread, and libtorch keeps the intra-op thread count per
 * calling thread (OpenMP's and MKL's settings are thread-local), so two CPU replicas of one thread
 * each use two cores without sharing a pool; the process holds one JVM, one libtorch and one
 * evaluation cache instead of one per device (a worker JVM with libtorch loaded costs some
 * 300-400 MB before its model, and seconds to start); and results need no serialisation. What
 * threads give up is isolation from a native crash (a segmentation fault in libtorch ends the
 * whole process). That is covered by resumption: the search saves its state after every
 * generation and the evaluation cache keeps every result as it is known, so a crash costs at most
 * the evaluations in flight. An exception, which is how DJL reports what libtorch throws (a CUDA
 * out-of-memory error, a device lost), is contained here: the replica is retired and its
 * configuration goes to another.
 *
 * <p>Scheduling is done by the calling thread alone: it hands each idle replica the next
 * configuration, takes the results as they come, and retries a failed one elsewhere. When
 * {@link #evaluateAll} returns or throws, no replica is running, so whatever the caller does next
 * (timing latency on one of these devices) has the device to itself.
 *
 * <p>The local {@link EvaluationService}; one on other machines takes its place through
 * {@link EvaluationService.Remote}.
 */
public final class ReplicaPool implements EvaluationService {

    private final List<Worker> workers = new ArrayList<>();
    private final Consumer<String> warnings;
    /** Every replica's failure, for the message when none is left. */
    private final List<String> failures = new ArrayList<>();

    /** A replica, the thread it runs on, and whether it has failed. */
    private static final class Worker {
        final Replica replica;
        final ExecutorService thread;
        boolean busy;
        boolean retired;

        Worker(Replica replica) {
            this.replica = replica;
            this.thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "sparsevit-replica-" + replica.name());
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** What a replica's thread reports back: a result or the failure of one configuration. */
    private record Done(Worker worker, SparsityConfig config, EvaluationResult result, Throwable failure) {
    }

    /**
     * Starts a thread per replica and prepares it ({@link Replica#prepareThread}).
     *
     * @param warnings told, on the caller's thread, when a replica fails and is retired
     */
    public ReplicaPool(List<? extends Replica> replicas, Consumer<String> warnings) {
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("a pool needs at least one replica");
        }
        this.warnings = warnings;
        for (Replica r : replicas) {
            workers.add(new Worker(r));
        }
        try {
            for (Worker w : workers) {
                w.thread.submit(w.replica::prepareThread).get();
            }
        } catch (ExecutionException e) {
            close();
            throw new MachineFailureException("cannot prepare the thread of a replica: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new MachineFailureException("interrupted while starting the replicas", e);
        }
    }

    /** {@code 2 replicas (cpu#0, cpu#1)}, or the one replica's name. */
    @Override
    public synchronized String description() {
        return workers.size() == 1 ? workers.get(0).replica.name() : workers.size() + " replicas ("
                + String.join(", ", workers.stream().map(w -> w.replica.name()).toList()) + ")";
    }

    /** Replicas that have not failed. */
    public synchronized int liveReplicas() {
        return (int) workers.stream().filter(w -> !w.retired).count();
    }

    /**
     * The result of each configuration, in their order. A configuration listed twice is evaluated once.
     * A replica that throws anything but {@link InvalidInputException} or {@link StopRequestedException}
     * is retired for good and its configuration handed to another; when none is left, the evaluation
     * fails.
     *
     * @param observer sees each result as it arrives, on the calling thread (progress display)
     * @throws InvalidInputException as a replica threw it (bad input fails on any replica alike)
     * @throws StopRequestedException as a replica threw it (a signal asked the process to stop), once
     *     every replica has left its pass
     * @throws MachineFailureException when every replica has failed
     */
    @Override
    public synchronized List<EvaluationResult> evaluateAll(List<SparsityConfig> configs,
            Consumer<EvaluationResult> observer) {
        Map<SparsityConfig, EvaluationResult> results = new LinkedHashMap<>();
        configs.forEach(c -> results.put(c, null));
        Deque<SparsityConfig> pending = new ArrayDeque<>(results.keySet());
        BlockingQueue<Done> done = new LinkedBlockingQueue<>();
        int[] inFlight = {0};
        int finished = 0;
        try {
            dispatch(pending, done, inFlight);
            while (finished < results.size()) {
                if (inFlight[0] == 0) {
                    throw new MachineFailureException("every replica failed, " + (results.size() - finished)
                            + " configurations left unevaluated: " + String.join("; ", failures));
                }
                Done d = done.take();
                inFlight[0]--;
                d.worker().busy = false;
                if (d.failure() == null) {
                    results.put(d.config(), d.result());
                    finished++;
                    observer.accept(d.result());
                } else {
                    // bad input fails on any replica alike, and a stop asked for by a signal is no
                    // replica's fault: neither retires one, and neither is retried
                    if (d.failure() instanceof InvalidInputException || d.failure() instanceof StopRequestedException) {
                        throw (RuntimeException) d.failure();
                    }
                    if (d.failure() instanceof Error error) {
                        throw error;
                    }
                    d.worker().retired = true;
                    String why = d.worker().replica.name() + " failed on " + d.config().compact() + ": "
                            + d.failure().getClass().getSimpleName() + ": " + d.failure().getMessage();
                    failures.add(why);
                    pending.addFirst(d.config());
                    long left = workers.stream().filter(w -> !w.retired).count();
                    warnings.accept("replica " + why + "; " + (left == 0 ? "no replica is left"
                            : "retired, its configuration goes to another of the " + left + " left"));
                }
                dispatch(pending, done, inFlight);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MachineFailureException("interrupted while evaluating", e);
        } finally {
            awaitInFlight(done, inFlight);
        }
        return configs.stream().map(results::get).toList();
    }

    /** Gives every idle live replica the next pending configuration. */
    private void dispatch(Deque<SparsityConfig> pending, BlockingQueue<Done> done, int[] inFlight) {
        for (Worker w : workers) {
            if (pending.isEmpty()) {
                return;
            }
            if (w.busy || w.retired) {
                continue;
            }
            SparsityConfig config = pending.poll();
            w.busy = true;
            inFlight[0]++;
            w.thread.execute(() -> {
                try {
                    done.add(new Done(w, config, w.replica.evaluate(config), null));
                } catch (Throwable t) {
                    done.add(new Done(w, config, null, t));
                }
            });
        }
    }

    /** Waits until no replica runs (after a failure, for the ones still busy), so none outlives the call. */
    private static void awaitInFlight(BlockingQueue<Done> done, int[] inFlight) {
        boolean interrupted = false;
        while (inFlight[0] > 0) {
            try {
                done.take().worker().busy = false;
                inFlight[0]--;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the threads and closes every replica. */
    @Override
    public synchronized void close() {
        for (Worker w : workers) {
            w.thread.shutdown();
        }
        for (Worker w : workers) {
            try {
                w.thread.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            w.replica.close();
        }
    }
}
