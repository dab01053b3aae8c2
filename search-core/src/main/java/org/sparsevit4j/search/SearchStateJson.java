package org.sparsevit4j.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sparsevit4j.core.Genome;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.Json;
import org.sparsevit4j.core.SparsityCodec;

/**
 * The resume file, {@code search-state.json}: settings, phase, generation, both random-generator
 * states, draw counters, population, per-generation history, baseline progress and every
 * evaluation with its objectives, as records through the project's strict mapper (one line, keys
 * sorted). Doubles are written in Java's shortest round-trip form, so a resumed search continues
 * with bit-identical numbers.
 */
final class SearchStateJson {

    /**
     * 2: the search runs on Jenetics' engine, and a Pareto search's population is the engine's (the
     * last survivors with their children), which format 1 did not hold; a format 1 file cannot be
     * continued to the same result.
     */
    static final int FORMAT = 2;
    static final String FILE = "search-state.json";

    private SearchStateJson() {
    }

    /** The file's schema. */
    record StateFile(int format, String tool, SearchSettings settings, String metricName, SearchState.Phase phase,
            int generation, long rngState, long drawAttempts, long feasibleDraws, int searchEvaluations,
            int bestIndex, List<Integer> population, Baselines baselines, List<StoredReport> history,
            List<StoredCandidate> evaluations) {
    }

    /** Progress of the baselines; {@code uniform} is null until that baseline ran. */
    record Baselines(List<Integer> uniform, long randomRngState, long randomDrawAttempts, List<Integer> random,
            boolean randomDone) {
    }

    /** One generation's report; {@code bestLatencyMs} is null without a latency model. */
    record StoredReport(int generation, int generations, double bestMetric, long bestMacs, Double bestLatencyMs,
            double feasibleRate, long drawAttempts, int uniqueEvaluations, double hypervolume, int frontSize) {

        static StoredReport of(GenerationReport r) {
            return new StoredReport(r.generation(), r.generations(), r.bestMetric(), r.bestCosts().macs(),
                    latencyOrNull(r.bestCosts()), r.feasibleRate(), r.drawAttempts(), r.uniqueEvaluations(),
                    r.hypervolume(), r.frontSize());
        }

        GenerationReport report() {
            return new GenerationReport(generation, generations, bestMetric, costs(bestMacs, bestLatencyMs),
                    feasibleRate, drawAttempts, uniqueEvaluations, hypervolume, frontSize);
        }
    }

    /** One evaluation; {@code latencyMs} is null without a latency model. */
    record StoredCandidate(int index, int[] genes, double metric, long macs, Double latencyMs, int generation,
            Origin origin) {

        static StoredCandidate of(Candidate c) {
            return new StoredCandidate(c.index(), c.genome().toArray(), c.metric(), c.costs().macs(),
                    latencyOrNull(c.costs()), c.generation(), c.origin());
        }

        Candidate toCandidate(SparsityCodec codec) {
            Genome genome = Genome.of(genes);
            return new Candidate(genome, codec.decode(genome), metric, costs(macs, latencyMs), index, generation,
                    origin);
        }
    }

    /** A state and the evaluations to restore, not yet decoded (that needs the settings' codec). */
    record Loaded(SearchState state, List<StoredCandidate> evaluations) {
    }

    /** Writes the state of a run atomically. */
    static void write(Path runDir, SearchState s, EvaluationCache cache) {
        List<StoredCandidate> evaluations = cache.all().stream().map(StoredCandidate::of).toList();
        List<StoredReport> history = s.history.stream().map(StoredReport::of).toList();
        Json.writeCompact(runDir.resolve(FILE), new StateFile(FORMAT, Provenance.TOOL, s.settings, s.metricName,
                s.phase, s.generation, s.rngState, s.drawAttempts, s.feasibleDraws, s.searchEvaluations, s.bestIndex,
                s.population, new Baselines(s.uniform, s.randomRngState, s.randomDrawAttempts, s.random,
                        s.randomDone), history, evaluations));
    }

    /** The state saved in {@code runDir}, with the evaluations to put back into a cache. */
    static Loaded read(Path runDir) {
        Path file = runDir.resolve(FILE);
        if (!Files.exists(file)) {
            throw new InvalidInputException(runDir + ": no " + FILE + "; not a search run directory, or the run"
                    + " was stopped before it started");
        }
        StateFile f = Json.read(file, StateFile.class);
        if (f.format() != FORMAT) {
            throw new InvalidInputException(file + ": state format " + f.format() + " is not the supported " + FORMAT
                    + " (written by another version of sparsevit4j: resume it with that version, or start again)");
        }
        SearchState s = new SearchState(f.settings(), f.metricName());
        s.phase = f.phase();
        s.generation = f.generation();
        s.rngState = f.rngState();
        s.drawAttempts = f.drawAttempts();
        s.feasibleDraws = f.feasibleDraws();
        s.searchEvaluations = f.searchEvaluations();
        s.bestIndex = f.bestIndex();
        s.population = new ArrayList<>(f.population());
        f.history().forEach(r -> s.history.add(r.report()));
        Baselines b = f.baselines();
        s.uniform = b.uniform() == null ? null : new ArrayList<>(b.uniform());
        s.randomRngState = b.randomRngState();
        s.randomDrawAttempts = b.randomDrawAttempts();
        s.random = new ArrayList<>(b.random());
        s.randomDone = b.randomDone();
        return new Loaded(s, f.evaluations());
    }

    private static Double latencyOrNull(CandidateCosts costs) {
        return costs.hasLatency() ? costs.latencyMs() : null;
    }

    private static CandidateCosts costs(long macs, Double latencyMs) {
        return new CandidateCosts(macs, latencyMs == null ? Double.NaN : latencyMs);
    }
}
