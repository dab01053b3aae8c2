package org.sparsevit4j.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.evaluator.EvaluationResult;
import org.sparsevit4j.search.ConfigEvaluator;

/**
 * The search's fitness on an {@link EvaluationService} (local replicas, or workers elsewhere): a
 * generation's configurations go to the service together and their metrics come back in order. The description and provenance are the model's and the data's; the
 * number of replicas is left out on purpose, since it changes no result and a search may resume on
 * other devices.
 */
public final class PooledFitness implements ConfigEvaluator {

    private final EvaluationService service;
    private final String metricName;
    private final String description;
    private final ObjectNode provenance;
    private final Consumer<EvaluationResult> observer;

    /**
     * @param metricName {@code miou} or {@code top1}
     * @param description the weights, data and split, for provenance
     * @param provenance checkpoint hash, data identity, engine and device, merged into the result files'
     * @param observer sees each result as it arrives, on the search's thread
     */
    public PooledFitness(EvaluationService service, String metricName, String description, ObjectNode provenance,
            Consumer<EvaluationResult> observer) {
        this.service = service;
        this.metricName = metricName;
        this.description = description;
        this.provenance = provenance.deepCopy();
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
        return metricName;
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
