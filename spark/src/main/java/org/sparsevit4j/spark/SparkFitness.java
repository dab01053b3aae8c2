package org.sparsevit4j.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.sparsevit4j.app.ModelSession;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.evaluator.EvaluationResult;
import org.sparsevit4j.search.ConfigEvaluator;

/**
 * The search's fitness on a {@link SparkService}. The description and provenance are the driver
 * session's: where a metric was computed changes nothing in the result files.
 */
final class SparkFitness implements ConfigEvaluator {

    private final SparkService service;
    private final ModelSession session;
    private final Consumer<EvaluationResult> observer;

    SparkFitness(SparkService service, ModelSession session, Consumer<EvaluationResult> observer) {
        this.service = service;
        this.session = session;
        this.observer = observer;
    }

    @Override
    public double evaluate(SparsityConfig config) {
        return evaluateAll(List.of(config))[0];
    }

    @Override
    public double[] evaluateAll(List<SparsityConfig> configs) {
        return service.evaluateAll(configs, observer).stream().mapToDouble(EvaluationResult::metric).toArray();
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
}
