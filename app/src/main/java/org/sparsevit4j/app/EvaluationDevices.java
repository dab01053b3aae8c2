package org.sparsevit4j.app;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.evaluator.EvaluationResult;
import org.sparsevit4j.evaluator.ResultCache;
import org.sparsevit4j.search.ConfigEvaluator;
import org.sparsevit4j.supernet.data.Split;
import org.sparsevit4j.supernet.model.Precision;

/**
 * Where a search's or a batch job's evaluations run, opened once for all its searches: a replica of
 * the model on each device of a {@link DeviceList} ({@link ModelSession} each, sharing one result
 * cache) and a {@link ReplicaPool} that spreads a list of configurations over them and returns the
 * results in order; or, given an {@link EvaluationService.Remote}, one local session (the first
 * device's: provenance, per-class IoU, latency) and the service that remote opens for it. The
 * search reaches either through {@link #fitness}, a {@link ConfigEvaluator} whose
 * {@link ConfigEvaluator#evaluateAll} is the seam.
 */
public final class EvaluationDevices implements AutoCloseable {

    private final List<ModelSession> sessions;
    private final EvaluationService service;
    private final String description;
    /** Whether the sessions are this object's to close (the pool closes them as its replicas otherwise). */
    private final boolean ownsSessions;
    /** Results computed on the replicas and served by the cache, counted on the caller's thread. */
    private long computed;
    private long fromCache;

    private EvaluationDevices(List<ModelSession> sessions, EvaluationService service, String description,
            boolean ownsSessions) {
        this.sessions = sessions;
        this.service = service;
        this.description = description;
        this.ownsSessions = ownsSessions;
    }

    /**
     * Loads the model on every device of {@code devices} (see {@link ModelSession#open}) and starts a
     * thread for each.
     */
    public static EvaluationDevices open(Path weights, DataSpec data, Split split, Resolution resolution, int batch,
            int loaderThreads, CacheSpec cache, Precision precision, DeviceList devices, Progress progress) {
        return open(weights, data, split, resolution, batch, loaderThreads, cache, precision, devices, null, progress);
    }

    /**
     * As {@link #open(Path, DataSpec, Split, Resolution, int, int, CacheSpec, Precision, DeviceList, Progress)},
     * with the evaluations done by the service {@code remote} opens when it is not null: then the model is
     * loaded here on the first of {@code devices} only.
     */
    public static EvaluationDevices open(Path weights, DataSpec data, Split split, Resolution resolution, int batch,
            int loaderThreads, CacheSpec cache, Precision precision, DeviceList devices, EvaluationService.Remote remote,
            Progress progress) {
        List<Device> replicas = devices.resolve();
        if (remote != null) {
            ModelSession primary = ModelSession.open(weights, data, split, resolution, batch, loaderThreads,
                    sharedCache(cache), precision, replicas.get(0));
            try {
                EvaluationService service = remote.open(primary, progress);
                return new EvaluationDevices(List.of(primary), service, service.description(), true);
            } catch (RuntimeException e) {
                primary.close();
                throw e;
            }
        }
        Integer threads = devices.threadsPerCpuReplica(replicas);
        if (threads != null) {
            // The replicas' threads set the engine's thread count for themselves, and libtorch starts a
            // thread's count from the last one set; pinning this thread's own now keeps what it times
            // (latency) at the setting it was started with.
            JniUtils.setNumThreads(JniUtils.getNumThreads());
        }
        Function<String, ResultCache> shared = sharedCache(cache);
        List<ModelSession> sessions = new ArrayList<>();
        List<Replica> pooled = new ArrayList<>();
        try {
            Map<String, Integer> copies = new HashMap<>();
            for (Device device : replicas) {
                ModelSession session = ModelSession.open(weights, data, split, resolution, batch, loaderThreads, shared,
                        precision, device);
                sessions.add(session);
                String base = device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu";
                int k = copies.merge(base, 1, Integer::sum) - 1;
                boolean several = replicas.stream().filter(device::equals).count() > 1;
                pooled.add(new SessionReplica(several ? base + "#" + k : base, session,
                        device.isGpu() ? null : threads));
            }
            String described = replicas.size() == 1 && !devices.named() ? pooled.get(0).name()
                    : replicas.size() + " replicas (" + String.join(", ", pooled.stream().map(Replica::name).toList())
                    + (threads == null ? "" : String.format(Locale.ROOT, "; %d intra-op thread%s per CPU replica",
                    threads, threads == 1 ? "" : "s")) + ")";
            return new EvaluationDevices(sessions, new ReplicaPool(pooled, progress::warning), described, false);
        } catch (RuntimeException e) {
            sessions.forEach(ModelSession::close);
            throw e;
        }
    }

    /** One result cache for every replica: opened by the first, handed to the others. */
    private static Function<String, ResultCache> sharedCache(CacheSpec cache) {
        Map<String, ResultCache> opened = new HashMap<>();
        return key -> opened.computeIfAbsent(key, cache::open);
    }

    /** The first replica's session: the model, data and provenance every replica shares. */
    public ModelSession primary() {
        return sessions.get(0);
    }

    /** Model replicas loaded in this process. */
    public int replicas() {
        return sessions.size();
    }

    /** The devices, e.g. {@code 2 replicas (cpu#0, cpu#1; 1 intra-op thread per CPU replica)}. */
    public String description() {
        return description;
    }

    /** The results of {@code configs}, in their order, computed by the service (see {@link EvaluationService}). */
    public List<EvaluationResult> evaluateAll(List<SparsityConfig> configs, Consumer<EvaluationResult> observer) {
        return service.evaluateAll(configs, counting(observer));
    }

    /** Evaluations computed so far (not served by the cache). */
    public long computed() {
        return computed;
    }

    /** Results served by the evaluation cache so far. */
    public long fromCache() {
        return fromCache;
    }

    private Consumer<EvaluationResult> counting(Consumer<EvaluationResult> observer) {
        return r -> {
            if (r.cached()) {
                fromCache++;
            } else {
                computed++;
            }
            observer.accept(r);
        };
    }

    /** The search's fitness on these devices; {@code observer} sees each result (progress), on the search's thread. */
    public ConfigEvaluator fitness(Consumer<EvaluationResult> observer) {
        ModelSession session = primary();
        return new PooledFitness(service, session.evaluator().isSegmentation() ? "miou" : "top1", session.description(),
                session.provenance(), counting(observer));
    }

    @Override
    public void close() {
        service.close();
        if (ownsSessions) {
            sessions.forEach(ModelSession::close);
        }
    }

    /** A {@link ModelSession} as a replica: its evaluator, on its device, with its share of the cores. */
    private record SessionReplica(String name, ModelSession session, Integer threads) implements Replica {

        @Override
        public void prepareThread() {
            if (threads != null) {
                JniUtils.setNumThreads(threads);
            }
        }

        @Override
        public EvaluationResult evaluate(SparsityConfig config) {
            return session.evaluator().evaluate(config);
        }

        @Override
        public void close() {
            session.close();
        }
    }
}
