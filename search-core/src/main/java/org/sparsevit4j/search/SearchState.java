package org.sparsevit4j.search;

import java.util.ArrayList;
import java.util.List;
import org.sparsevit4j.core.SplitMix64;

/**
 * Everything a search needs to continue exactly where it stopped, apart from the evaluation cache
 * (written beside it, see {@link SearchStateJson}). Candidates are referred to by their index in
 * the cache. Mutable and confined to the search's thread.
 */
final class SearchState {

    /** Where the run is. */
    enum Phase {
        EVOLUTION, BASELINES, DONE;

        @com.fasterxml.jackson.annotation.JsonValue
        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        static Phase parse(String id) {
            return valueOf(id.toUpperCase(java.util.Locale.ROOT));
        }
    }

    final SearchSettings settings;
    String metricName;
    Phase phase = Phase.EVOLUTION;
    /** Last completed generation; -1 before the initial population is evaluated. */
    int generation = -1;
    long rngState;
    long drawAttempts;
    long feasibleDraws;
    /** Unique evaluations by the evolution: the first entries of the cache. */
    int searchEvaluations;
    /** Best candidate so far, or -1. */
    int bestIndex = -1;
    List<Integer> population = new ArrayList<>();
    List<GenerationReport> history = new ArrayList<>();
    /** Uniform-baseline candidates, or {@code null} until that baseline ran. */
    List<Integer> uniform;
    long randomRngState;
    long randomDrawAttempts;
    List<Integer> random = new ArrayList<>();
    boolean randomDone;

    SearchState(SearchSettings settings, String metricName) {
        this.settings = settings;
        this.metricName = metricName;
        this.rngState = SplitMix64.seeded(settings.seed()).state();
        this.randomRngState = SplitMix64.deriveSeed(settings.seed(), 1);
    }
}
