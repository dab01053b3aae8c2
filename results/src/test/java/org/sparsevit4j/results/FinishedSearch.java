package org.sparsevit4j.results;

import java.nio.file.Path;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.search.ConfigEvaluator;
import org.sparsevit4j.search.CostModel;
import org.sparsevit4j.search.EvolutionarySearch;
import org.sparsevit4j.search.LatencyMeter;
import org.sparsevit4j.search.MacLimit;
import org.sparsevit4j.search.SearchBudget;
import org.sparsevit4j.search.SearchResult;
import org.sparsevit4j.search.SearchSettings;

/** Run folders of real (small, fast) searches on a synthetic fitness, for the report to read. */
final class FinishedSearch {

    static final ArchitectureSpec SWIN_T = ArchitectureSpec.preset("swin_t");

    private FinishedSearch() {
    }

    /** A Pareto search under 0.6x dense MACs, with baselines; with a latency model and meter when {@code latency}. */
    static SearchResult run(Path dir, boolean latency) {
        SearchSettings settings = SearchSettings.builder(SWIN_T, 224, 224)
                .budget(SearchBudget.ofMacs(MacLimit.parse("0.6x")))
                .population(24)
                .generations(3)
                .pareto(true)
                .seed(11)
                .build();
        CostModel model = latency ? FinishedSearch::predictedMs : null;
        LatencyMeter meter = latency ? config -> 1.1 * predictedMs(config) : null;
        return EvolutionarySearch.run(settings, new StageWeightedFitness(), model, meter, dir, null);
    }

    /** Falls as windows are pruned, as a real model's latency does. */
    private static double predictedMs(SparsityConfig config) {
        return 5 + 50 * (1 - config.ratios().stream().flatMap(java.util.List::stream)
                .mapToDouble(Double::doubleValue).average().orElse(0));
    }

    /** Accuracy that drops with sparsity, little in early stages and a lot in late ones (as the paper observes). */
    static final class StageWeightedFitness implements ConfigEvaluator {

        private static final double[] STAGE_WEIGHTS = {0.01, 0.3, 0.05, 0.6};

        @Override
        public double evaluate(SparsityConfig config) {
            double loss = 0;
            for (int s = 0; s < config.numStages(); s++) {
                for (int b = 0; b < config.depth(s); b++) {
                    loss += STAGE_WEIGHTS[s] * (1 + 0.01 * b) * config.level(s, b) * config.level(s, b) / 64.0;
                }
            }
            return 0.8 - 0.1 * loss;
        }

        @Override
        public String metricName() {
            return "top1";
        }
    }
}
