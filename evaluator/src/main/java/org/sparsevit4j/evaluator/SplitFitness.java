package org.sparsevit4j.evaluator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.function.Consumer;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.search.ConfigEvaluator;

/** The search's fitness: the metric of a configuration on the search split. */
public final class SplitFitness implements ConfigEvaluator {

    private final SplitEvaluator evaluator;
    private final String description;
    private final ObjectNode provenance;
    private final Consumer<EvaluationResult> observer;

    /**
     * @param description the weights, dataset and split, for provenance
     * @param provenance checkpoint hash, dataset identity, engine and device, merged into the
     *     provenance of the search's result files
     * @param observer sees every result (for progress display), may be a no-op
     */
    public SplitFitness(SplitEvaluator evaluator, String description, ObjectNode provenance,
            Consumer<EvaluationResult> observer) {
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        this.description = description;
        this.provenance = provenance.deepCopy();
        this.observer = observer;
    }

    @Override
    public double evaluate(SparsityConfig config) {
        EvaluationResult result = evaluator.evaluate(config);
        observer.accept(result);
        return result.metric();
    }

    @Override
    public String metricName() {
        return evaluator.isSegmentation() ? "miou" : "top1";
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public ObjectNode provenance() {
        return provenance.deepCopy();
    }
}
