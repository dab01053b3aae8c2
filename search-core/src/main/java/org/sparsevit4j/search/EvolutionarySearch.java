package org.sparsevit4j.search;

import org.sparsevit4j.core.AtomicFiles;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.GeneLayout;
import org.sparsevit4j.core.SparsityCodec;

/**
 * The entry point of the sparsity search: the paper's evolutionary search over per-block (by
 * default per-pair) window-pruning ratios under a MAC and/or latency budget, single-objective or
 * NSGA-II Pareto mode, with the uniform-sparsity and random-search baselines, resumable after
 * every generation.
 *
 * <p>A run directory holds {@code search-state.json} (rewritten atomically after every generation
 * and baseline batch; {@link #resume} continues from it) and, when the run finishes, the result
 * files described in {@code RunOutputs}: {@code best.json}, {@code best-config.json},
 * {@code pareto.json}, {@code pareto.csv}, {@code candidates.csv}, {@code generations.csv},
 * {@code baselines.json} and {@code provenance.json}.
 *
 * <p>Determinism: the same settings (seed included), evaluator and cost model give the same
 * {@link SearchResult} and byte-identical files, whether the run was killed and resumed or not and
 * however the evaluator spreads a generation's evaluations. Breeding is single-threaded and draws
 * only from the seeded generator kept in the state; evaluation results are stored in a fixed order.
 */
public final class EvolutionarySearch {

    /** The state file in a run directory. */
    public static final String STATE_FILE = SearchStateJson.FILE;

    private EvolutionarySearch() {
    }

    /**
     * Runs a new search in {@code runDir} (created if missing; it must not already hold a search).
     *
     * @param latencyModel predicted latency, or {@code null} when the budget bounds MACs only
     * @throws InvalidInputException for an impossible budget, a latency budget without a model, a
     *     used run directory, or a budget rejection sampling cannot meet within the draw cap
     */
    public static SearchResult run(SearchSettings settings, ConfigEvaluator evaluator, CostModel latencyModel,
            Path runDir, SearchListener listener) {
        return run(settings, evaluator, latencyModel, null, runDir, listener);
    }

    /**
     * As {@link #run(SearchSettings, ConfigEvaluator, CostModel, Path, SearchListener)}, and
     * re-measures the reported configurations (best and front) with {@code meter} when not null.
     */
    public static SearchResult run(SearchSettings settings, ConfigEvaluator evaluator, CostModel latencyModel,
            LatencyMeter meter, Path runDir, SearchListener listener) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(evaluator, "evaluator");
        Objects.requireNonNull(runDir, "runDir");
        if (Files.exists(runDir.resolve(STATE_FILE))) {
            throw new InvalidInputException(runDir + ": already holds a search (" + STATE_FILE
                    + "); resume it or choose another run directory");
        }
        SearchState state = new SearchState(settings, evaluator.metricName());
        SearchRun run = open(state, List.of(), evaluator, latencyModel, runDir, listener);
        run.save();
        return execute(run, meter);
    }

    /**
     * Continues the search in {@code runDir} from its last saved generation, with its saved
     * settings; a finished run is returned as it is (its files are written again).
     */
    public static SearchResult resume(Path runDir, ConfigEvaluator evaluator, CostModel latencyModel,
            SearchListener listener) {
        return resume(runDir, evaluator, latencyModel, null, listener);
    }

    /** As {@link #resume(Path, ConfigEvaluator, CostModel, SearchListener)}, re-measuring with {@code meter}. */
    public static SearchResult resume(Path runDir, ConfigEvaluator evaluator, CostModel latencyModel,
            LatencyMeter meter, SearchListener listener) {
        Objects.requireNonNull(evaluator, "evaluator");
        SearchStateJson.Loaded loaded = SearchStateJson.read(runDir);
        AtomicFiles.removeLeftovers(runDir);
        SearchState state = loaded.state();
        if (!state.metricName.equals(evaluator.metricName())) {
            throw new InvalidInputException(runDir + ": the search measured \"" + state.metricName
                    + "\" but the evaluator given measures \"" + evaluator.metricName() + "\"");
        }
        return execute(open(state, loaded.evaluations(), evaluator, latencyModel, runDir, listener), meter);
    }

    /**
     * Checks the settings' budget against the model without searching, so a command line can
     * reject an impossible budget before loading weights. Returns the warnings (e.g. a budget
     * that every configuration meets); throws {@link InvalidInputException} when nothing can meet it.
     */
    public static List<String> checkBudget(SearchSettings settings, CostModel latencyModel) {
        SparsityCodec codec = new SparsityCodec(new GeneLayout(settings.arch(), settings.granularity()));
        requireLatencyModel(settings, latencyModel);
        MacCostTable macs = new MacCostTable(codec.layout(), settings.imageHeight(), settings.imageWidth());
        return BudgetCheck.resolve(settings.budget(), codec, macs, latencyModel).warnings();
    }

    private static SearchRun open(SearchState state, List<SearchStateJson.StoredCandidate> evaluations,
            ConfigEvaluator evaluator, CostModel latencyModel, Path runDir, SearchListener listener) {
        SearchSettings settings = state.settings;
        SearchListener sink = listener == null ? SearchListener.silent() : listener;
        SparsityCodec codec = new SparsityCodec(new GeneLayout(settings.arch(), settings.granularity()));
        requireLatencyModel(settings, latencyModel);
        MacCostTable macs = new MacCostTable(codec.layout(), settings.imageHeight(), settings.imageWidth());
        BudgetCheck budget = BudgetCheck.resolve(settings.budget(), codec, macs, latencyModel);
        budget.warnings().forEach(sink::onWarning);
        double referenceCost = referenceCost(settings, budget, codec);
        ObjectNode provenance = Provenance.toJson(settings, state.metricName, evaluator.description(),
                latencyModel == null ? null : latencyModel.description(), budget, referenceCost,
                evaluator.provenance());
        EvaluationCache cache = new EvaluationCache(codec, evaluator);
        evaluations.forEach(e -> cache.restore(e.toCandidate(codec)));
        return new SearchRun(settings, codec, budget, cache, state, runDir, sink, referenceCost, provenance);
    }

    private static SearchResult execute(SearchRun run, LatencyMeter meter) {
        SearchState state = run.state;
        EvolutionLoop evolution = new EvolutionLoop(run);
        if (state.phase == SearchState.Phase.EVOLUTION) {
            evolution.run();
            state.phase = run.settings.baselines() ? SearchState.Phase.BASELINES : SearchState.Phase.DONE;
            run.save();
        }
        if (state.phase == SearchState.Phase.BASELINES) {
            new BaselineRunner(run).run();
            state.phase = SearchState.Phase.DONE;
            run.save();
        }
        List<Candidate> front = evolution.front();
        SearchResult result = new SearchResult(run.settings, state.metricName, run.cache.get(state.bestIndex), front,
                run.hypervolume(front), state.generation, state.searchEvaluations, run.cache.size(),
                state.drawAttempts, state.feasibleDraws, state.history,
                run.settings.baselines() ? BaselineRunner.result(run) : null);
        Map<SparsityConfig, Double> measured = measure(result, meter, run.listener);
        ObjectNode provenance = run.provenance.deepCopy();
        provenance.put(Provenance.LATENCY_METER, meter == null ? null : meter.description());
        RunOutputs.write(run.runDir, result, run.cache.all(), provenance,
                new RunOutputs.Extras(run.budget.macTable().denseMacs(), measured, run.budget::isMetBy));
        return result;
    }

    /** Measured latency of the best configuration and the front's, in that order; empty without a meter. */
    private static Map<SparsityConfig, Double> measure(SearchResult result, LatencyMeter meter,
            SearchListener listener) {
        Map<SparsityConfig, Double> measured = new LinkedHashMap<>();
        if (meter == null) {
            return measured;
        }
        Set<SparsityConfig> reported = new LinkedHashSet<>();
        reported.add(result.best().config());
        result.paretoFront().forEach(c -> reported.add(c.config()));
        listener.onPhase("measuring the latency of " + reported.size() + " reported configuration"
                + (reported.size() == 1 ? "" : "s"));
        List<SparsityConfig> configs = List.copyOf(reported);
        List<Double> ms = meter.measureAll(configs);
        for (int k = 0; k < configs.size(); k++) {
            measured.put(configs.get(k), ms.get(k));
        }
        return measured;
    }

    private static void requireLatencyModel(SearchSettings settings, CostModel latencyModel) {
        if (settings.costObjective() == CostObjective.LATENCY && latencyModel == null) {
            throw new InvalidInputException("cost objective latency needs a latency cost model (a profiler"
                    + " lookup table), but none was given");
        }
    }

    /** The budget's ceiling on the cost objective, or the dense configuration's cost when there is none. */
    private static double referenceCost(SearchSettings settings, BudgetCheck budget, SparsityCodec codec) {
        if (settings.costObjective() == CostObjective.MACS) {
            return (budget.maxMacs() == Long.MAX_VALUE ? budget.macTable().denseMacs() : budget.maxMacs()) / 1e9;
        }
        return Double.isFinite(budget.maxLatencyMs()) ? budget.maxLatencyMs()
                : budget.costs(codec.uniform(0)).latencyMs();
    }
}
