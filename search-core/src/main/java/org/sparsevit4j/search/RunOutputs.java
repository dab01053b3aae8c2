package org.sparsevit4j.search;

import org.sparsevit4j.core.AtomicFiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SparsityConfigJson;
import org.sparsevit4j.core.Genome;

/**
 * The result files of a run directory, for the reports module and for people; each written
 * atomically, JSON with its keys sorted at every level (so two runs diff cleanly), no timestamps
 * (same seed, same bytes):
 *
 * <ul>
 *   <li>{@code best.json}: the best configuration in {@code SparsityConfigJson}'s
 *       {@code {"ratios": ...}} shape plus its objectives and the provenance (readable as a
 *       configuration by {@code SparsityConfigJson.read});</li>
 *   <li>{@code best-config.json}: the same ratios alone, readable by {@code SparsityConfigJson.read};</li>
 *   <li>{@code pareto.json}, {@code pareto.csv}: the Pareto front, cheapest first, and its hypervolume;</li>
 *   <li>{@code candidates.csv}: every evaluated configuration in evaluation order, with its genes
 *       and whether it meets the budget;</li>
 *   <li>{@code generations.csv}: one progress row per generation;</li>
 *   <li>{@code baselines.json}: uniform sparsity and random search beside the search's own numbers;</li>
 *   <li>{@code provenance.json}: tool, versions, seed and full settings.</li>
 * </ul>
 */
final class RunOutputs {

    static final String BEST = "best.json";
    static final String BEST_CONFIG = "best-config.json";
    static final String PARETO_JSON = "pareto.json";
    static final String PARETO_CSV = "pareto.csv";
    static final String CANDIDATES_CSV = "candidates.csv";
    static final String GENERATIONS_CSV = "generations.csv";
    static final String BASELINES = "baselines.json";
    static final String PROVENANCE = "provenance.json";

    static final String CSV_HEADER = "index,origin,generation,metric,macs,gmacs,latency_ms,ratios,mac_fraction,"
            + "measured_latency_ms,genes,feasible\n";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

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
        ObjectNode best = candidateToJson(result.best(), result.metricName(), extras);
        best.set("provenance", provenance);
        writeJson(runDir.resolve(BEST), best);
        SparsityConfigJson.write(result.best().config(), runDir.resolve(BEST_CONFIG));

        ObjectNode pareto = NODES.objectNode();
        pareto.put("metricName", result.metricName());
        pareto.put("costObjective", result.settings().costObjective().id());
        pareto.put("costUnit", result.settings().costObjective().unit());
        pareto.put("hypervolume", result.hypervolume());
        ArrayNode front = pareto.putArray("front");
        result.paretoFront().forEach(c -> front.add(candidateToJson(c, null, extras)));
        pareto.set("provenance", provenance);
        writeJson(runDir.resolve(PARETO_JSON), pareto);
        AtomicFiles.writeString(runDir.resolve(PARETO_CSV), csv(result.paretoFront(), extras));
        AtomicFiles.writeString(runDir.resolve(CANDIDATES_CSV), csv(evaluations, extras));
        AtomicFiles.writeString(runDir.resolve(GENERATIONS_CSV), generationsCsv(result.history()));

        if (result.baselines() != null) {
            writeJson(runDir.resolve(BASELINES), baselinesToJson(result, provenance, extras));
        }
        writeJson(runDir.resolve(PROVENANCE), provenance);
    }

    /**
     * A candidate as {@code {"ratios": [[...]], "metric": ..., ...}}; {@code metricName} is added
     * when not null. {@code latencyMs} and {@code predictedLatencyMs} are the cost model's
     * prediction (the first kept for readers of earlier runs), {@code measuredLatencyMs} the
     * measurement after the search; each null when not known. {@code genes} are the search's
     * levels (0..8, one per gene), {@code feasible} whether the costs meet the budget.
     */
    static ObjectNode candidateToJson(Candidate c, String metricName, Extras extras) {
        ObjectNode o = NODES.objectNode();
        o.set("ratios", ratios(c.config()));
        o.put("metric", c.metric());
        if (metricName != null) {
            o.put("metricName", metricName);
        }
        o.put("macs", c.costs().macs());
        o.put("gmacs", c.costs().gmacs());
        o.put("macFraction", (double) c.costs().macs() / extras.denseMacs());
        Double predicted = c.costs().hasLatency() ? c.costs().latencyMs() : null;
        o.put("latencyMs", predicted);
        o.put("predictedLatencyMs", predicted);
        o.put("measuredLatencyMs", extras.measuredMs().get(c.config()));
        o.put("index", c.index());
        o.put("generation", c.generation());
        o.put("origin", c.origin().id());
        ArrayNode genes = o.putArray("genes");
        for (int i = 0; i < c.genome().length(); i++) {
            genes.add(c.genome().gene(i));
        }
        o.put("feasible", extras.withinBudget().test(c.costs()));
        return o;
    }

    private static ObjectNode baselinesToJson(SearchResult r, ObjectNode provenance, Extras extras) {
        BaselineResult b = r.baselines();
        ObjectNode o = NODES.objectNode();
        o.put("metricName", r.metricName());
        ObjectNode search = o.putObject("search");
        search.set("best", candidateToJson(r.best(), null, extras));
        search.put("uniqueEvaluations", r.uniqueEvaluations());
        search.put("hypervolume", r.hypervolume());
        ObjectNode uniform = o.putObject("uniform");
        setNullable(uniform, "best", b.bestUniform(), extras);
        ArrayNode all = uniform.putArray("candidates");
        b.uniform().forEach(c -> all.add(candidateToJson(c, null, extras)));
        ObjectNode random = o.putObject("random");
        random.put("uniqueEvaluations", b.randomEvaluations());
        random.put("drawAttempts", b.randomDrawAttempts());
        setNullable(random, "best", b.bestRandom(), extras);
        random.put("hypervolume", b.randomHypervolume());
        ArrayNode front = random.putArray("front");
        b.randomFront().forEach(c -> front.add(candidateToJson(c, null, extras)));
        o.set("provenance", provenance);
        return o;
    }

    /**
     * Columns after {@code ratios} were added later, at the end, so readers of earlier runs keep
     * working. {@code genes} are the levels separated by spaces (no quoting needed).
     */
    static String csv(List<Candidate> candidates, Extras extras) {
        StringBuilder sb = new StringBuilder(CSV_HEADER.length() + 96 * candidates.size()).append(CSV_HEADER);
        for (Candidate c : candidates) {
            Double measured = extras.measuredMs().get(c.config());
            sb.append(c.index()).append(',').append(c.origin().id()).append(',').append(c.generation()).append(',')
                    .append(c.metric()).append(',').append(c.costs().macs()).append(',').append(c.costs().gmacs())
                    .append(',').append(c.costs().hasLatency() ? Double.toString(c.costs().latencyMs()) : "")
                    .append(",\"").append(c.config().compact()).append("\",")
                    .append((double) c.costs().macs() / extras.denseMacs()).append(',')
                    .append(measured == null ? "" : measured.toString()).append(',')
                    .append(genes(c.genome())).append(',')
                    .append(extras.withinBudget().test(c.costs())).append('\n');
        }
        return sb.toString();
    }

    private static String generationsCsv(List<GenerationReport> history) {
        StringBuilder sb = new StringBuilder("generation,best_metric,best_macs,best_latency_ms,feasible_rate,"
                + "draw_attempts,unique_evaluations,hypervolume,front_size\n");
        for (GenerationReport r : history) {
            sb.append(r.generation()).append(',').append(r.bestMetric()).append(',').append(r.bestCosts().macs())
                    .append(',').append(r.bestCosts().hasLatency() ? Double.toString(r.bestCosts().latencyMs()) : "")
                    .append(',').append(r.feasibleRate()).append(',').append(r.drawAttempts()).append(',')
                    .append(r.uniqueEvaluations()).append(',').append(r.hypervolume()).append(',')
                    .append(r.frontSize()).append('\n');
        }
        return sb.toString();
    }

    private static String genes(Genome genome) {
        StringBuilder sb = new StringBuilder(2 * genome.length());
        for (int i = 0; i < genome.length(); i++) {
            sb.append(i == 0 ? "" : " ").append(genome.gene(i));
        }
        return sb.toString();
    }

    private static ArrayNode ratios(SparsityConfig config) {
        ArrayNode stages = NODES.arrayNode(config.numStages());
        for (int s = 0; s < config.numStages(); s++) {
            ArrayNode blocks = stages.addArray();
            for (int b = 0; b < config.depth(s); b++) {
                blocks.add(config.ratio(s, b));
            }
        }
        return stages;
    }

    private static void setNullable(ObjectNode o, String name, Candidate c, Extras extras) {
        if (c == null) {
            o.putNull(name);
        } else {
            o.set(name, candidateToJson(c, null, extras));
        }
    }

    private static void writeJson(Path file, ObjectNode node) {
        try {
            AtomicFiles.writeString(file, MAPPER.writeValueAsString(node) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + file.getFileName(), e);
        }
    }
}
