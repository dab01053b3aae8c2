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
        Precision precision = Engines.precision(request.dtype(), Device.fromName(null), progress);
        try (ModelSession session = ModelSession.open(request.weights(), request.data(), request.split(),
                request.resolution(), request.batch(), request.loaderThreads(), request.cache(), precision)) {
            session.dataNote().ifPresent(progress::line);
            List<SparsityConfig> configs = configurations(request, session);
            progress.phase("evaluating " + configs.size() + " configuration" + (configs.size() == 1 ? "" : "s") + ": "
                    + session.description());
            List<EvaluationResult> results = new ArrayList<>();
            for (int i = 0; i < configs.size(); i++) {
                progress.step(i, configs.size(), "evaluating " + configs.get(i).compact());
                results.add(session.evaluator().evaluate(configs.get(i)));
            }
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
