package org.sparsevit4j.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.Granularity;

/**
 * {@link SearchSettings} as a JSON object with a fixed key order, for the state file a resume
 * reads and for the provenance of every result file. The architecture is written in full (not
 * just its preset name) so that a run on a modified spec resumes on the same spec.
 */
public final class SearchSettingsJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SearchSettingsJson() {
    }

    public static ObjectNode toJson(SearchSettings s) {
        ObjectNode o = NODES.objectNode();
        o.set("arch", archToJson(s.arch()));
        o.put("imageHeight", s.imageHeight());
        o.put("imageWidth", s.imageWidth());
        o.put("granularity", s.granularity().id());
        o.put("population", s.population());
        o.put("parents", s.parents());
        o.put("mutants", s.mutants());
        o.put("crossovers", s.crossovers());
        o.put("elites", s.elites());
        o.put("mutationProbability", s.mutationProbability());
        o.put("generations", s.generations());
        o.put("maxEvaluations", s.maxEvaluations());
        o.put("seed", s.seed());
        ObjectNode budget = o.putObject("budget");
        SearchBudget b = s.budget();
        if (b.maxMacs() == null) {
            budget.putNull("maxMacs");
        } else {
            budget.put("maxMacs", b.maxMacs().text());
        }
        putNullable(budget, "maxLatencyMs", b.maxLatencyMs());
        putNullable(budget, "minLatencyMs", b.minLatencyMs());
        o.put("pareto", s.pareto());
        o.put("costObjective", s.costObjective().id());
        o.put("maxDrawAttempts", s.maxDrawAttempts());
        o.put("baselines", s.baselines());
        o.put("hypervolumeReferenceMetric", s.hypervolumeReferenceMetric());
        return o;
    }

    /** Settings from {@link #toJson}'s form; {@code source} starts every error message. */
    public static SearchSettings fromJson(JsonNode o, String source) {
        try {
            JsonNode budgetNode = field(o, "budget", source);
            String maxMacs = nullableText(budgetNode, "maxMacs", source);
            SearchBudget budget = new SearchBudget(maxMacs == null ? null : MacLimit.parse(maxMacs),
                    nullableDouble(budgetNode, "maxLatencyMs", source), nullableDouble(budgetNode, "minLatencyMs", source));
            return new SearchSettings(archFromJson(field(o, "arch", source), source),
                    intField(o, "imageHeight", source), intField(o, "imageWidth", source),
                    Granularity.parse(field(o, "granularity", source).asText()),
                    intField(o, "population", source), intField(o, "parents", source),
                    intField(o, "mutants", source), intField(o, "crossovers", source),
                    intField(o, "elites", source), field(o, "mutationProbability", source).asDouble(),
                    intField(o, "generations", source), field(o, "maxEvaluations", source).asLong(),
                    field(o, "seed", source).asLong(), budget, field(o, "pareto", source).asBoolean(),
                    CostObjective.parse(field(o, "costObjective", source).asText()),
                    intField(o, "maxDrawAttempts", source),
                    field(o, "baselines", source).asBoolean(),
                    field(o, "hypervolumeReferenceMetric", source).asDouble());
        } catch (InvalidInputException e) {
            if (e.getMessage().startsWith(source)) {
                throw e;
            }
            throw new InvalidInputException(source + ": settings: " + e.getMessage(), e);
        }
    }

    static ObjectNode archToJson(ArchitectureSpec a) {
        ObjectNode o = NODES.objectNode();
        o.put("name", a.name());
        o.put("patchSize", a.patchSize());
        o.put("inChannels", a.inChannels());
        o.put("embedDim", a.embedDim());
        ArrayNode depths = o.putArray("depths");
        a.depths().forEach(depths::add);
        ArrayNode heads = o.putArray("heads");
        a.heads().forEach(heads::add);
        o.put("windowSize", a.windowSize());
        o.put("mlpRatio", a.mlpRatio());
        o.put("numClasses", a.numClasses());
        return o;
    }

    static ArchitectureSpec archFromJson(JsonNode o, String source) {
        return new ArchitectureSpec(field(o, "name", source).asText(), intField(o, "patchSize", source),
                intField(o, "inChannels", source), intField(o, "embedDim", source), intList(o, "depths", source),
                intList(o, "heads", source), intField(o, "windowSize", source),
                field(o, "mlpRatio", source).asDouble(), intField(o, "numClasses", source));
    }

    static JsonNode field(JsonNode o, String name, String source) {
        JsonNode v = o == null ? null : o.get(name);
        if (v == null) {
            throw new InvalidInputException(source + ": missing field \"" + name + "\"");
        }
        return v;
    }

    static int intField(JsonNode o, String name, String source) {
        JsonNode v = field(o, name, source);
        if (!v.canConvertToInt()) {
            throw new InvalidInputException(source + ": field \"" + name + "\" must be an integer, found " + v);
        }
        return v.asInt();
    }

    private static List<Integer> intList(JsonNode o, String name, String source) {
        JsonNode v = field(o, name, source);
        if (!v.isArray()) {
            throw new InvalidInputException(source + ": field \"" + name + "\" must be a list of integers, found " + v);
        }
        List<Integer> out = new ArrayList<>();
        v.forEach(e -> out.add(e.asInt()));
        return out;
    }

    private static String nullableText(JsonNode o, String name, String source) {
        JsonNode v = field(o, name, source);
        return v.isNull() ? null : v.asText();
    }

    private static Double nullableDouble(JsonNode o, String name, String source) {
        JsonNode v = field(o, name, source);
        return v.isNull() ? null : v.asDouble();
    }

    private static void putNullable(ObjectNode o, String name, Double value) {
        if (value == null) {
            o.putNull(name);
        } else {
            o.put(name, value);
        }
    }
}
