package org.sparsevit4j.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.sparsevit4j.core.SparsityCodec;

/**
 * What the phases of one run share: the settings and their codec, the resolved budget, the
 * evaluation cache, the mutable state and where it is saved. Confined to the search's thread.
 */
final class SearchRun {

    final SearchSettings settings;
    final SparsityCodec codec;
    final BudgetCheck budget;
    final EvaluationCache cache;
    final SearchState state;
    final Path runDir;
    final SearchListener listener;
    /** Cost of the hypervolume's reference point, in the cost objective's unit. */
    final double referenceCost;
    /** Provenance of the result files, built when the run opens so that a bad one fails before any evaluation. */
    final ObjectNode provenance;
    /** Best first: higher metric, then lower cost, then earlier evaluation. */
    final Comparator<Candidate> bestFirst;

    SearchRun(SearchSettings settings, SparsityCodec codec, BudgetCheck budget, EvaluationCache cache,
            SearchState state, Path runDir, SearchListener listener, double referenceCost, ObjectNode provenance) {
        this.settings = settings;
        this.codec = codec;
        this.budget = budget;
        this.cache = cache;
        this.state = state;
        this.runDir = runDir;
        this.listener = listener;
        this.referenceCost = referenceCost;
        this.provenance = provenance;
        CostObjective objective = settings.costObjective();
        this.bestFirst = Comparator.comparingDouble(Candidate::metric).reversed()
                .thenComparingDouble(c -> objective.of(c.costs()))
                .thenComparingInt(Candidate::index);
    }

    /** Writes the state file atomically. */
    void save() {
        SearchStateJson.write(runDir, state, cache);
    }

    double hypervolume(List<Candidate> candidates) {
        return Hypervolume.of(candidates, settings.costObjective(), settings.hypervolumeReferenceMetric(), referenceCost);
    }

    List<Candidate> candidates(List<Integer> indices) {
        return indices.stream().map(cache::get).toList();
    }
}
