package org.sparsevit4j.search;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * What the phases of one run share: the settings and their codec, the resolved budget, the
 * evaluation cache, the mutable state and where it is saved. Confined to the search's thread.
 */
final class SearchRun implements AutoCloseable {

    final SearchSettings settings;
    final SparsityCodec codec;
    final BudgetCheck budget;
    final EvaluationCache cache;
    final SearchState state;
    final Path runDir;
    final SearchListener listener;
    final ConfigEvaluator evaluator;
    final CostModel latencyModel;
    /** Cost of the hypervolume's reference point, in the cost objective's unit. */
    final double referenceCost;
    /** Best first: higher metric, then lower cost, then earlier evaluation. */
    final Comparator<Candidate> bestFirst;
    private final SearchStateJson.Writer stateWriter = new SearchStateJson.Writer();

    SearchRun(SearchSettings settings, SparsityCodec codec, BudgetCheck budget, EvaluationCache cache,
            SearchState state, Path runDir, SearchListener listener, ConfigEvaluator evaluator,
            CostModel latencyModel, double referenceCost) {
        this.settings = settings;
        this.codec = codec;
        this.budget = budget;
        this.cache = cache;
        this.state = state;
        this.runDir = runDir;
        this.listener = listener;
        this.evaluator = evaluator;
        this.latencyModel = latencyModel;
        this.referenceCost = referenceCost;
        CostObjective objective = settings.costObjective();
        this.bestFirst = Comparator.comparingDouble(Candidate::metric).reversed()
                .thenComparingDouble(c -> objective.of(c.costs()))
                .thenComparingInt(Candidate::index);
    }

    /** Writes the state file atomically. */
    void save() {
        stateWriter.write(runDir, state, cache);
    }

    double hypervolume(List<Candidate> candidates) {
        return Hypervolume.of(candidates, settings.costObjective(), settings.hypervolumeReferenceMetric(), referenceCost);
    }

    List<Candidate> candidates(List<Integer> indices) {
        return indices.stream().map(cache::get).toList();
    }

    @Override
    public void close() {
        cache.close();
    }
}
