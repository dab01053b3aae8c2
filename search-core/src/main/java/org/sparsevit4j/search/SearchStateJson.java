package org.sparsevit4j.search;

import org.sparsevit4j.core.AtomicFiles;

import static org.sparsevit4j.search.SearchSettingsJson.field;
import static org.sparsevit4j.search.SearchSettingsJson.intField;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.Genome;
import org.sparsevit4j.core.SparsityCodec;

/**
 * The resume file, {@code search-state.json}: settings, phase, generation, both random-generator
 * states, draw counters, population, per-generation history, baseline progress and every
 * evaluation with its objectives. Doubles are written in Java's shortest round-trip form, so a
 * resumed search continues with bit-identical numbers.
 */
final class SearchStateJson {

    /**
     * 2: the search runs on Jenetics' engine, and a Pareto search's population is the engine's (the
     * last survivors with their children), which format 1 did not hold; a format 1 file cannot be
     * continued to the same result.
     */
    static final int FORMAT = 2;
    static final String FILE = "search-state.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SearchStateJson() {
    }

    /**
     * Writes the state of a run. Holds the JSON text of the evaluations and generation reports
     * already written, since they never change: a save encodes only what is new, so saving after
     * every generation costs time proportional to the file, not to the file times the generations.
     */
    static final class Writer {
        private final StringBuilder evaluations = new StringBuilder();
        private int encodedEvaluations;
        private final StringBuilder history = new StringBuilder();
        private int encodedHistory;

        void write(Path runDir, SearchState s, EvaluationCache cache) {
            try {
                for (; encodedEvaluations < cache.size(); encodedEvaluations++) {
                    evaluations.append(encodedEvaluations == 0 ? "" : ",")
                            .append(MAPPER.writeValueAsString(candidateToJson(cache.get(encodedEvaluations))));
                }
                for (; encodedHistory < s.history.size(); encodedHistory++) {
                    history.append(encodedHistory == 0 ? "" : ",")
                            .append(MAPPER.writeValueAsString(reportToJson(s.history.get(encodedHistory))));
                }
                ObjectNode o = NODES.objectNode();
                o.put("format", FORMAT);
                o.put("tool", Provenance.TOOL);
                o.set("settings", SearchSettingsJson.toJson(s.settings));
                o.put("metricName", s.metricName);
                o.put("phase", s.phase.id());
                o.put("generation", s.generation);
                o.put("rngState", s.rngState);
                o.put("drawAttempts", s.drawAttempts);
                o.put("feasibleDraws", s.feasibleDraws);
                o.put("searchEvaluations", s.searchEvaluations);
                o.put("bestIndex", s.bestIndex);
                o.set("population", ints(s.population));
                ObjectNode baselines = o.putObject("baselines");
                if (s.uniform == null) {
                    baselines.putNull("uniform");
                } else {
                    baselines.set("uniform", ints(s.uniform));
                }
                baselines.put("randomRngState", s.randomRngState);
                baselines.put("randomDrawAttempts", s.randomDrawAttempts);
                baselines.set("random", ints(s.random));
                baselines.put("randomDone", s.randomDone);
                String head = MAPPER.writeValueAsString(o);
                // The head is an object: reopen it before its closing brace and add the two lists.
                StringBuilder text = new StringBuilder(head.length() + history.length() + evaluations.length() + 40)
                        .append(head, 0, head.length() - 1)
                        .append(",\"history\":[").append(history)
                        .append("],\"evaluations\":[").append(evaluations).append("]}");
                AtomicFiles.writeString(runDir.resolve(FILE), text.toString());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot serialise the search state", e);
            }
        }
    }

    /** The state saved in {@code runDir}, with the evaluations to put back into a cache. */
    static Loaded read(Path runDir) {
        Path file = runDir.resolve(FILE);
        String source = file.toString();
        JsonNode o;
        try {
            o = MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(runDir + ": no " + FILE + "; not a search run directory, or the run"
                    + " was stopped before it started", e);
        } catch (IOException e) {
            throw new InvalidInputException(source + ": cannot read: " + e.getMessage(), e);
        }
        if (o == null || !o.isObject()) {
            throw new InvalidInputException(source + ": is not a JSON object");
        }
        int format = intField(o, "format", source);
        if (format != FORMAT) {
            throw new InvalidInputException(source + ": state format " + format + " is not the supported " + FORMAT
                    + " (written by another version of sparsevit4j: resume it with that version, or start again)");
        }
        SearchSettings settings = SearchSettingsJson.fromJson(field(o, "settings", source), source);
        SearchState s = new SearchState(settings, field(o, "metricName", source).asText());
        s.phase = SearchState.Phase.valueOf(field(o, "phase", source).asText().toUpperCase(Locale.ROOT));
        s.generation = intField(o, "generation", source);
        s.rngState = field(o, "rngState", source).asLong();
        s.drawAttempts = field(o, "drawAttempts", source).asLong();
        s.feasibleDraws = field(o, "feasibleDraws", source).asLong();
        s.searchEvaluations = intField(o, "searchEvaluations", source);
        s.bestIndex = intField(o, "bestIndex", source);
        s.population = intList(field(o, "population", source));
        for (JsonNode r : field(o, "history", source)) {
            s.history.add(reportFromJson(r, source));
        }
        JsonNode b = field(o, "baselines", source);
        JsonNode uniform = field(b, "uniform", source);
        s.uniform = uniform.isNull() ? null : intList(uniform);
        s.randomRngState = field(b, "randomRngState", source).asLong();
        s.randomDrawAttempts = field(b, "randomDrawAttempts", source).asLong();
        s.random = intList(field(b, "random", source));
        s.randomDone = field(b, "randomDone", source).asBoolean();
        List<StoredCandidate> evaluations = new ArrayList<>();
        for (JsonNode c : field(o, "evaluations", source)) {
            evaluations.add(candidateFromJson(c, source));
        }
        return new Loaded(s, evaluations);
    }

    /** A state and the evaluations to restore, not yet decoded (that needs the settings' codec). */
    record Loaded(SearchState state, List<StoredCandidate> evaluations) {
    }

    /** One evaluation as stored. */
    record StoredCandidate(int[] genes, double metric, CandidateCosts costs, int index, int generation, Origin origin) {

        Candidate toCandidate(SparsityCodec codec) {
            Genome genome = Genome.of(genes);
            return new Candidate(genome, codec.decode(genome), metric, costs, index, generation, origin);
        }
    }

    static ObjectNode candidateToJson(Candidate c) {
        ObjectNode o = NODES.objectNode();
        o.put("index", c.index());
        ArrayNode genes = o.putArray("genes");
        for (int i = 0; i < c.genome().length(); i++) {
            genes.add(c.genome().gene(i));
        }
        o.put("metric", c.metric());
        o.put("macs", c.costs().macs());
        if (c.costs().hasLatency()) {
            o.put("latencyMs", c.costs().latencyMs());
        } else {
            o.putNull("latencyMs");
        }
        o.put("generation", c.generation());
        o.put("origin", c.origin().id());
        return o;
    }

    private static StoredCandidate candidateFromJson(JsonNode o, String source) {
        JsonNode genesNode = field(o, "genes", source);
        int[] genes = new int[genesNode.size()];
        for (int i = 0; i < genes.length; i++) {
            genes[i] = genesNode.get(i).asInt();
        }
        JsonNode latency = field(o, "latencyMs", source);
        CandidateCosts costs = new CandidateCosts(field(o, "macs", source).asLong(),
                latency.isNull() ? Double.NaN : latency.asDouble());
        return new StoredCandidate(genes, field(o, "metric", source).asDouble(), costs, intField(o, "index", source),
                intField(o, "generation", source), Origin.parse(field(o, "origin", source).asText()));
    }

    private static ObjectNode reportToJson(GenerationReport r) {
        ObjectNode o = NODES.objectNode();
        o.put("generation", r.generation());
        o.put("generations", r.generations());
        o.put("bestMetric", r.bestMetric());
        o.put("bestMacs", r.bestCosts().macs());
        if (r.bestCosts().hasLatency()) {
            o.put("bestLatencyMs", r.bestCosts().latencyMs());
        } else {
            o.putNull("bestLatencyMs");
        }
        o.put("feasibleRate", r.feasibleRate());
        o.put("drawAttempts", r.drawAttempts());
        o.put("uniqueEvaluations", r.uniqueEvaluations());
        o.put("hypervolume", r.hypervolume());
        o.put("frontSize", r.frontSize());
        return o;
    }

    private static GenerationReport reportFromJson(JsonNode o, String source) {
        JsonNode latency = field(o, "bestLatencyMs", source);
        return new GenerationReport(intField(o, "generation", source), intField(o, "generations", source),
                field(o, "bestMetric", source).asDouble(),
                new CandidateCosts(field(o, "bestMacs", source).asLong(), latency.isNull() ? Double.NaN : latency.asDouble()),
                field(o, "feasibleRate", source).asDouble(), field(o, "drawAttempts", source).asLong(),
                intField(o, "uniqueEvaluations", source), field(o, "hypervolume", source).asDouble(),
                intField(o, "frontSize", source));
    }

    private static ArrayNode ints(List<Integer> values) {
        ArrayNode a = NODES.arrayNode(values.size());
        values.forEach(a::add);
        return a;
    }

    private static List<Integer> intList(JsonNode a) {
        List<Integer> out = new ArrayList<>(a.size());
        a.forEach(v -> out.add(v.asInt()));
        return out;
    }
}
