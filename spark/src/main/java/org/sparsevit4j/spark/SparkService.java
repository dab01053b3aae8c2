package org.sparsevit4j.spark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.sparsevit4j.app.EvaluationService;
import org.sparsevit4j.app.ModelSession;
import org.sparsevit4j.core.MachineFailureException;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.StopRequest;
import org.sparsevit4j.core.StopRequestedException;
import org.sparsevit4j.evaluator.EvaluationResult;
import org.sparsevit4j.evaluator.SplitEvaluator;

/**
 * Evaluations of a driver's session on Spark: "evaluate these configurations, return the results in
 * order". The session answers what its cache holds; the rest of the list becomes one Spark job with
 * one task per configuration, whose results are placed by index and kept in the session's cache. The
 * observer sees every result, in the order given, on the calling thread; when this returns, no task of
 * the job runs any more. The Spark context is the {@link SparkEvaluation}'s: closing this service leaves
 * it running for the next session (a batch job opens one service per checkpoint).
 */
final class SparkService implements EvaluationService {

    private final JavaSparkContext context;
    private final ModelSession session;
    private final ExecutorSpec spec;
    private final ConfigTask task;
    private final String description;
    private int jobs;

    SparkService(JavaSparkContext context, ModelSession session, ExecutorSpec spec, ConfigTask task,
            String description) {
        this.context = context;
        this.session = session;
        this.spec = spec;
        this.task = task;
        this.description = description;
    }

    /** The result of each of {@code configs}, in their order. */
    @Override
    public List<EvaluationResult> evaluateAll(List<SparsityConfig> configs, Consumer<EvaluationResult> observer) {
        SplitEvaluator evaluator = session.evaluator();
        EvaluationResult[] results = new EvaluationResult[configs.size()];
        Map<SparsityConfig, Integer> first = new HashMap<>();
        List<IndexedConfig> pending = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            SparsityConfig config = configs.get(i);
            config.requireMatches(session.model().spec().arch());
            if (evaluator.isCached(config)) {
                results[i] = evaluator.evaluate(config);
            } else if (first.putIfAbsent(config, i) == null) {
                pending.add(IndexedConfig.of(i, config));
            }
        }
        if (!pending.isEmpty()) {
            for (ScoredConfig scored : run(pending)) {
                EvaluationResult result = scored.result(configs.get(scored.index()));
                evaluator.remember(result);
                results[scored.index()] = result;
            }
        }
        List<EvaluationResult> ordered = new ArrayList<>(results.length);
        for (int i = 0; i < results.length; i++) {
            // a repeat of an earlier configuration of the list comes from the cache
            EvaluationResult result = results[i] != null ? results[i] : evaluator.evaluate(configs.get(i));
            observer.accept(result);
            ordered.add(result);
        }
        return ordered;
    }

    /** One job, one task per configuration; each index comes back exactly once, in the order sent. */
    private List<ScoredConfig> run(List<IndexedConfig> pending) {
        StopRequest.checkpoint(); // a stop asked for between generations starts no job
        jobs++;
        context.setJobDescription(String.format(Locale.ROOT, "sparsevit evaluations, job %d: %d configurations", jobs,
                pending.size()));
        List<ScoredConfig> back;
        try {
            back = context.parallelize(pending, pending.size()).map(new RunTask(spec, task)).collect();
        } catch (Exception e) { // SparkException, which Java's compiler does not know collect() throws
            if (context.isLocal()) {
                // an aborted job leaves its other tasks running; they are threads of this JVM
                ExecutorModels.awaitIdle(Duration.ofMinutes(2));
            }
            if (StopRequest.PROCESS.requested()) {
                // a local master's tasks unwind at their next pass, failing the job; the last generation stays saved
                throw new StopRequestedException("stopped on request (SIGINT or SIGTERM) during a Spark job");
            }
            throw new MachineFailureException("Spark could not evaluate " + pending.size() + " configurations: "
                    + firstLine(e), e);
        }
        Map<Integer, ScoredConfig> byIndex = new HashMap<>();
        back.forEach(s -> byIndex.put(s.index(), s));
        List<ScoredConfig> ordered = new ArrayList<>();
        for (IndexedConfig sent : pending) {
            ScoredConfig scored = byIndex.get(sent.index());
            if (scored == null || back.size() != pending.size()) {
                throw new MachineFailureException("Spark returned " + back.size() + " results for " + pending.size()
                        + " configurations, configuration " + sent.index() + (scored == null ? " missing" : ""));
            }
            ordered.add(scored);
        }
        return ordered;
    }

    @Override
    public String description() {
        return description;
    }

    /** Nothing to stop: no task runs between calls, and the context outlives this service. */
    @Override
    public void close() {
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage()).strip();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end).strip();
    }

    /** The function of the job's one stage: the task, on the executor. */
    private record RunTask(ExecutorSpec spec, ConfigTask task) implements Function<IndexedConfig, ScoredConfig> {

        @Override
        public ScoredConfig call(IndexedConfig config) throws Exception {
            return task.apply(spec, config);
        }
    }
}
