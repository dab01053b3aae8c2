package org.sparsevit4j.spark;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.sparsevit4j.app.ModelSession;
import org.sparsevit4j.core.FileHash;
import org.sparsevit4j.core.MachineFailureException;
import org.sparsevit4j.evaluator.EvaluationResult;
import org.sparsevit4j.evaluator.ResultCache;

/**
 * The executor's side: the models this JVM has loaded, kept across tasks and generations. A model is
 * keyed by its checkpoint's SHA-256, the device and the session's settings; a task borrows an idle one
 * (loading it the first time, after checking the checkpoint against the hash the driver recorded) and
 * gives it back, so a JVM holds one per task it runs at once on a device and loads nothing twice.
 */
final class ExecutorModels {

    private static final Map<String, Deque<ModelSession>> IDLE = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();
    private static final AtomicInteger ACTIVE = new AtomicInteger();

    private ExecutorModels() {
    }

    /** The metrics of {@code config} on this task's device: the task function of {@link SparkEvaluation}. */
    static ScoredConfig evaluate(ExecutorSpec spec, IndexedConfig config) {
        ACTIVE.incrementAndGet();
        try {
            return evaluateCounted(spec, config);
        } finally {
            ACTIVE.decrementAndGet();
        }
    }

    private static ScoredConfig evaluateCounted(ExecutorSpec spec, IndexedConfig config) {
        TaskContext task = TaskContext.get();
        Device device = device(task);
        if (!device.isGpu()) {
            // spark.task.cpus threads for this task's passes (libtorch keeps the setting per thread)
            JniUtils.setNumThreads(task == null ? 1 : task.cpus());
        }
        String key = spec.weightsSha256() + "@" + device + "/" + spec.split() + "/" + spec.height() + "x" + spec.width()
                + "/" + spec.precision() + "/" + spec.batch() + "/" + spec.dataset() + "/" + spec.task();
        Deque<ModelSession> idle = IDLE.computeIfAbsent(key, k -> new ConcurrentLinkedDeque<>());
        ModelSession session = idle.pollFirst();
        if (session == null) {
            session = open(spec, device);
        }
        boolean healthy = false;
        try {
            EvaluationResult result = session.evaluator().evaluate(config.config());
            healthy = true;
            return ScoredConfig.of(config.index(), result);
        } finally {
            if (healthy) {
                idle.addFirst(session);
            } else {
                session.close(); // a pass that threw may have left the model's state anywhere
            }
        }
    }

    /** The GPU Spark assigned to the task ({@code spark.task.resource.gpu.amount}), else the CPU. */
    static Device device(TaskContext task) {
        if (task != null) {
            ResourceInformation gpu = task.resourcesJMap().get("gpu");
            if (gpu != null && gpu.addresses().length > 0) {
                return Device.gpu(Integer.parseInt(gpu.addresses()[0].strip()));
            }
        }
        return Device.cpu();
    }

    private static ModelSession open(ExecutorSpec spec, Device device) {
        Path weights = checkpoint(spec);
        Path dataset = datasetFolder(spec);
        // results are kept by the driver; an executor remembers only what it computed in this JVM
        ResultCache cache = ResultCache.inMemory();
        ModelSession session = ModelSession.open(weights, spec.data(dataset), spec.splitValue(), spec.resolution(),
                spec.batch(), spec.loaderThreads(), key -> cache, spec.precisionValue(), device);
        LOADS.incrementAndGet();
        if (session.evaluator().images() != spec.images()) {
            int images = session.evaluator().images();
            session.close();
            throw new MachineFailureException("the " + spec.split().toLowerCase(java.util.Locale.ROOT) + " split has "
                    + images + " images on this executor but " + spec.images() + " on the driver: the executors must "
                    + "read the same data (a shared path, or spark.sparsevit.ship=checkpoint,dataset)");
        }
        return session;
    }

    /** The shipped copy of the checkpoint, or the driver's path, whichever is here; its hash must be the driver's. */
    static Path checkpoint(ExecutorSpec spec) {
        Path file = spec.weightsShipped() != null ? Path.of(SparkFiles.get(spec.weightsShipped())) : Path.of(spec.weights());
        if (!Files.isRegularFile(file)) {
            throw new MachineFailureException("the checkpoint " + file + " is not on this executor: put it on a path "
                    + "every executor sees, or ship it (spark.sparsevit.ship=checkpoint, the default)");
        }
        String sha = FileHash.sha256(file);
        if (!sha.equals(spec.weightsSha256())) {
            throw new MachineFailureException("the checkpoint " + file + " on this executor has SHA-256 " + sha
                    + ", the driver recorded " + spec.weightsSha256() + ": executors must evaluate the driver's model");
        }
        return file;
    }

    /** The shipped copy of the dataset folder, or the driver's path; null for the built-in scenes. */
    static Path datasetFolder(ExecutorSpec spec) {
        if (spec.dataset() == null) {
            return null;
        }
        Path folder = spec.datasetShipped() != null ? Path.of(SparkFiles.get(spec.datasetShipped()))
                : Path.of(spec.dataset());
        if (!Files.isDirectory(folder)) {
            throw new MachineFailureException("the dataset " + folder + " is not on this executor: put it on a path "
                    + "every executor sees, or ship it (spark.sparsevit.ship=checkpoint,dataset)");
        }
        return folder;
    }

    /**
     * Waits until no evaluation runs in this JVM, at most {@code patience}: a local master's tasks are
     * threads of the driver's JVM, which must not exit, or go on, while one of them is inside libtorch.
     *
     * @return whether none runs
     */
    static boolean awaitIdle(Duration patience) {
        long end = System.nanoTime() + patience.toNanos();
        while (ACTIVE.get() > 0 && System.nanoTime() < end) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return ACTIVE.get() == 0;
    }

    /** Models loaded by this JVM so far. */
    static int loads() {
        return LOADS.get();
    }

    /** Closes every idle model (a local master's executors live in the driver's JVM, which goes on). */
    static void closeAll() {
        List<ModelSession> sessions = new ArrayList<>();
        IDLE.values().forEach(d -> {
            for (ModelSession s; (s = d.pollFirst()) != null; ) {
                sessions.add(s);
            }
        });
        sessions.forEach(ModelSession::close);
    }
}
