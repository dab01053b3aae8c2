package org.sparsevit4j.search;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.sparsevit4j.core.SparsityConfig;

/**
 * The search's fitness: the quality of a configuration on the search split (top-1 accuracy, mIoU,
 * ...), higher is better. Implemented by the evaluator module on the supernet; tests use synthetic ones.
 *
 * <p>The search calls it only for configurations that meet the budget and never twice for the
 * same configuration in one run (results are cached, also across a resume). It may be slow.
 * The search hands over a generation's new configurations at once through {@link #evaluateAll}
 * and calls it from one thread; an implementation that spreads them over devices or machines
 * overrides that method and returns the metrics in the order given. Either way the metric must be
 * a function of the configuration alone (deterministic), or the same seed cannot give the same result.
 */
@FunctionalInterface
public interface ConfigEvaluator {

    /** The metric of {@code config}; must be finite. */
    double evaluate(SparsityConfig config);

    /**
     * The metrics of {@code configs}, in their order: the seam for evaluation spread over devices or
     * machines. By default one after the other through {@link #evaluate}.
     */
    default double[] evaluateAll(List<SparsityConfig> configs) {
        double[] metrics = new double[configs.size()];
        for (int i = 0; i < metrics.length; i++) {
            metrics[i] = evaluate(configs.get(i));
        }
        return metrics;
    }

    /** Name of the metric for output files and logs, e.g. {@code top1} or {@code mIoU}. */
    default String metricName() {
        return "metric";
    }

    /** One line describing the evaluator (model weights, dataset, split) for provenance. */
    default String description() {
        return getClass().getName();
    }

    /**
     * What only the evaluator's owner knows about where the metric comes from (checkpoint hash,
     * dataset identity, engine versions, device), merged into the provenance of every result
     * file. Search-core knows neither DJL nor the data, so the caller hands these facts in here.
     * Must be the same for a resumed run, and must not use a key the search writes itself
     * ({@code seed}, {@code java}, {@code settings}, ...; the search fails before evaluating if it does).
     */
    default ObjectNode provenance() {
        return JsonNodeFactory.instance.objectNode();
    }
}
