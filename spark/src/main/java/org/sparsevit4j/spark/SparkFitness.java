package org.sparsevit4j.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.sparsevit4j.app.ModelSession;
import org.sparsevit4j.core.MachineFailureException;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.evaluator.EvaluationResult;
import org.sparsevit4j.evaluator.SplitEvaluator;
import org.sparsevit4j.search.ConfigEvaluator;

/**
 * The search's fitness on Spark. The driver's session answers what its cache holds; the rest of a
 * generation becomes one Spark job with one task per configuration, whose results are placed by index,
 * kept in the driver's cache and shown to the observer in the order given. The description and
 * provenance are the driver session's: where a metric was computed changes nothing in the result files.
 */
final class SparkFitness implements ConfigEvaluator {

    private final JavaSparkContext context;
    private final ModelSession session;
    private final ExecutorSpec spec;
    private final ConfigTask task;
    private final Consumer<EvaluationResult> observer;
    private int jobs;

    SparkFitness(JavaSparkContext context, ModelSession session, ExecutorSpec spec, ConfigTask task,
            Consumer<EvaluationResult> observer) {
        this.context = context;
        this.session = session;
        this.spec = spec;
        this.task = task;
        this.observer = observer;
    }

    @Override
    public double evaluate(SparsityConfig config) {
        return evaluateAll(List.of(config))[0];
    }

    @Override
    public double[] evaluateAll(List<SparsityConfig> configs) {
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
        double[] metrics = new double[results.length];
        for (int i = 0; i < results.length; i++) {
            if (results[i] == null) { // a repeat of an earlier configuration of this list
                results[i] = evaluator.evaluate(configs.get(i));
            }
            observer.accept(results[i]);
            metrics[i] = results[i].metric();
        }
        return metrics;
    }

    /** One job, one task per configuration; each index comes back exactly once, in the order sent. */
    private List<ScoredConfig> run(List<IndexedConfig> pending) {
        jobs++;
        context.setJobDescription(String.format(Locale.ROOT, "sparsevit evaluations, job %d: %d configurations", jobs,
                pending.size()));
        List<ScoredConfig> back;
        try {
            back = context.parallelize(pending, pending.size()).map(new RunTask(spec, task)).collect();
        } catch (Exception e) { // SparkException, which Java's compiler does not know collect() throws
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

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage()).strip();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end).strip();
    }

    @Override
    public String metricName() {
        return session.evaluator().isSegmentation() ? "miou" : "top1";
    }

    @Override
    public String description() {
        return session.description();
    }

    @Override
    public ObjectNode provenance() {
        return session.provenance().deepCopy();
    }

    /** The function of the job's one stage: the task, on the executor. */
    private record RunTask(ExecutorSpec spec, ConfigTask task) implements Function<IndexedConfig, ScoredConfig> {

        @Override
        public ScoredConfig call(IndexedConfig config) throws Exception {
            return task.apply(spec, config);
        }
    }
}
