package org.sparsevit4j.app;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SparsityConfigJson;
import org.sparsevit4j.evaluator.EvaluationResult;
import org.sparsevit4j.supernet.model.Precision;

/** Evaluation of configurations: one model load for all of them, each result from the cache when known. */
public final class Evaluations {

    /**
     * The results, what was evaluated on what, the class names (in the order of each result's
     * per-class IoU) and the note about skipped bad files, if any.
     */
    public record Outcome(String description, List<EvaluationResult> results, List<String> classNames,
            Optional<String> skipped) {
    }

    private Evaluations() {
    }

    /** Evaluates on the engine's default device (the first GPU where there is one). */
    public static Outcome run(EvaluateRequest request, Progress progress) {
        return run(request, DeviceList.engineDefault(), progress);
    }

    /** Evaluates over {@code devices}, a replica of the model on each; the results come in the request's order. */
    public static Outcome run(EvaluateRequest request, DeviceList devices, Progress progress) {
        Precision precision = Engines.precision(request.dtype(), Device.fromName(null), progress);
        try (EvaluationDevices evaluation = EvaluationDevices.open(request.weights(), request.data(), request.split(),
                request.resolution(), request.batch(), request.loaderThreads(), request.cache(), precision, devices,
                progress)) {
            ModelSession session = evaluation.primary();
            session.dataNote().ifPresent(progress::line);
            List<SparsityConfig> configs = configurations(request, session);
            progress.phase("evaluating " + configs.size() + " configuration" + (configs.size() == 1 ? "" : "s") + ": "
                    + session.description() + (evaluation.replicas() > 1 ? ", on " + evaluation.description() : ""));
            int[] done = {0};
            progress.step(0, configs.size(), "evaluating");
            List<EvaluationResult> results = evaluation.evaluateAll(configs, r -> progress.step(++done[0],
                    configs.size(), "evaluated " + r.config().compact()));
            progress.step(configs.size(), configs.size(), "done");
            return new Outcome(session.description(), results, session.source().classNames(), session.skippedNote());
        }
    }

    private static List<SparsityConfig> configurations(EvaluateRequest request, ModelSession session) {
        ArchitectureSpec arch = session.model().spec().arch();
        List<SparsityConfig> out = new ArrayList<>();
        for (Path file : request.configs()) {
            out.add(SparsityConfigJson.read(file, arch));
        }
        for (double r : request.uniform()) {
            out.add(SparsityConfig.uniform(arch, r));
        }
        if (out.isEmpty()) {
            out.add(session.model().ownSparsity());
        }
        return out;
    }
}
