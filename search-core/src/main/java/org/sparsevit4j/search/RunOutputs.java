package org.sparsevit4j.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.sparsevit4j.core.Csv;
import org.sparsevit4j.core.Json;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SparsityConfigJson;

/**
 * Writes the result files of a run directory ({@link RunFiles}), for the reports module and for
 * people; each atomically, JSON with its keys sorted at every level (so two runs diff cleanly), no
 * timestamps (same seed, same bytes):
 *
 * <ul>
 *   <li>{@code best.json} ({@link BestFile}): the best configuration with the provenance
 *       (readable as a configuration by {@code SparsityConfigJson.read});</li>
 *   <li>{@code best-config.json}: the same ratios alone, readable by {@code SparsityConfigJson.read};</li>
 *   <li>{@code pareto.json} ({@link ParetoFile}), {@code pareto.csv}: the Pareto front, cheapest
 *       first, and its hypervolume;</li>
 *   <li>{@code candidates.csv}: every evaluated configuration in evaluation order
 *       ({@link CandidateRow}), with its genes and whether it meets the budget;</li>
 *   <li>{@code generations.csv}: one progress row per generation ({@link GenerationRow});</li>
 *   <li>{@code baselines.json} ({@link BaselinesFile}): uniform sparsity and random search beside
 *       the search's own numbers;</li>
 *   <li>{@code provenance.json}: tool, versions, seed and full settings.</li>
 * </ul>
 */
final class RunOutputs {

    private RunOutputs() {
    }

    /**
     * What the result files add to the candidates: the dense model's MACs (for MAC fractions),
     * the measured latency of the reported configurations, when a meter measured them, and the
     * budget each candidate's costs are checked against.
     */
    record Extras(long denseMacs, Map<SparsityConfig, Double> measuredMs, Predicate<CandidateCosts> withinBudget) {
        Extras {
            measuredMs = Map.copyOf(measuredMs);
        }
    }

    static void write(Path runDir, SearchResult result, List<Candidate> evaluations, ObjectNode provenance,
            Extras extras) {
        Json.write(runDir.resolve(RunFiles.BEST), new BestFile(RunFiles.FORMAT, result.metricName(),
                CandidateEntry.of(result.best(), extras), provenance));
        SparsityConfigJson.write(result.best().config(), runDir.resolve(RunFiles.BEST_CONFIG));
        CostObjective objective = result.settings().costObjective();
        Json.write(runDir.resolve(RunFiles.PARETO_JSON), new ParetoFile(RunFiles.FORMAT, result.metricName(),
                objective, objective.unit(), result.hypervolume(), entries(result.paretoFront(), extras),
                provenance));
        Csv.write(runDir.resolve(RunFiles.PARETO_CSV), CandidateRow.class, rows(result.paretoFront(), extras));
        Csv.write(runDir.resolve(RunFiles.CANDIDATES_CSV), CandidateRow.class, rows(evaluations, extras));
        Csv.write(runDir.resolve(RunFiles.GENERATIONS_CSV), GenerationRow.class,
                result.history().stream().map(GenerationRow::of).toList());
        if (result.baselines() != null) {
            Json.write(runDir.resolve(RunFiles.BASELINES), baselines(result, provenance, extras));
        }
        Json.write(runDir.resolve(RunFiles.PROVENANCE), provenance);
    }

    private static BaselinesFile baselines(SearchResult r, ObjectNode provenance, Extras extras) {
        BaselineResult b = r.baselines();
        return new BaselinesFile(RunFiles.FORMAT, r.metricName(),
                new BaselinesFile.Search(CandidateEntry.of(r.best(), extras), r.uniqueEvaluations(), r.hypervolume()),
                new BaselinesFile.Uniform(entryOrNull(b.bestUniform(), extras), entries(b.uniform(), extras)),
                new BaselinesFile.Random(b.randomEvaluations(), b.randomDrawAttempts(),
                        entryOrNull(b.bestRandom(), extras), b.randomHypervolume(), entries(b.randomFront(), extras)),
                provenance);
    }

    private static List<CandidateEntry> entries(List<Candidate> candidates, Extras extras) {
        return candidates.stream().map(c -> CandidateEntry.of(c, extras)).toList();
    }

    private static List<CandidateRow> rows(List<Candidate> candidates, Extras extras) {
        return candidates.stream().map(c -> CandidateRow.of(c, extras)).toList();
    }

    private static CandidateEntry entryOrNull(Candidate c, Extras extras) {
        return c == null ? null : CandidateEntry.of(c, extras);
    }
}
