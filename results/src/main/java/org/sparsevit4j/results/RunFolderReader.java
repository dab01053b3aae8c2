package org.sparsevit4j.results;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.SparsityConfigJson;
import org.sparsevit4j.core.TextFiles;

/**
 * Reads the result files of a search's run folder for the report: {@code best.json} and
 * {@code pareto.json} (required), {@code baselines.json}, {@code generations.csv} and
 * {@code class-iou.json} (used when present: a search without baselines writes no
 * {@code baselines.json}, a classification search no per-class IoU).
 *
 * <p>Nothing is guessed: a missing required file, malformed JSON or a field of the wrong type is
 * an {@link InvalidInputException} whose one line starts with the file and names the field and
 * the rule, so a report is never drawn from half-understood data.
 */
public final class RunFolderReader {

    public static final String BEST = "best.json";
    public static final String PARETO = "pareto.json";
    public static final String BASELINES = "baselines.json";
    public static final String GENERATIONS = "generations.csv";

    // NaN is accepted as a number so that the finiteness rule can reject it with the field's name.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private RunFolderReader() {
    }

    /** Reads {@code dir}; every error names the file at fault. */
    public static RunFolder read(Path dir) {
        if (!Files.exists(dir)) {
            throw new InvalidInputException(dir + ": no such run folder");
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + ": is not a folder; give the run folder of a search (its --out)");
        }
        JsonFile best = JsonFile.read(required(dir, BEST));
        JsonFile pareto = JsonFile.read(required(dir, PARETO));

        ReportedConfig chosen = best.config(best.root(), "");
        JsonNode provenance = best.object(best.root(), "provenance", "");
        List<ReportedConfig> front = new ArrayList<>();
        JsonNode frontNode = pareto.array(pareto.root(), "front", "");
        for (int i = 0; i < frontNode.size(); i++) {
            front.add(pareto.config(pareto.object(frontNode, i, "front"), "front[" + i + "]."));
        }
        if (front.isEmpty()) {
            throw new InvalidInputException(pareto.file() + ": \"front\" is empty; a finished search has at least its best");
        }
        Path baselinesFile = dir.resolve(BASELINES);
        Optional<Baselines> baselines = Files.exists(baselinesFile)
                ? Optional.of(baselines(JsonFile.read(baselinesFile))) : Optional.empty();
        Path generationsFile = dir.resolve(GENERATIONS);
        List<GenerationRow> generations = Files.exists(generationsFile)
                ? GenerationsCsv.read(generationsFile) : List.of();
        Path classIouFile = dir.resolve(ClassIouTable.FILE);
        Optional<ClassIouTable> classIou = Files.exists(classIouFile)
                ? Optional.of(classIou(JsonFile.read(classIouFile))) : Optional.empty();
        return new RunFolder(dir, pareto.text(pareto.root(), "metricName", ""),
                pareto.text(pareto.root(), "costObjective", ""), pareto.number(pareto.root(), "hypervolume", ""),
                chosen, front, baselines, generations, classIou, provenance);
    }

    private static Path required(Path dir, String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such file; a finished search's run folder holds " + BEST
                    + " and " + PARETO);
        }
        return file;
    }

    private static Baselines baselines(JsonFile f) {
        JsonNode uniformNode = f.array(f.object(f.root(), "uniform", ""), "candidates", "uniform.");
        List<ReportedConfig> uniform = new ArrayList<>();
        for (int i = 0; i < uniformNode.size(); i++) {
            uniform.add(f.config(f.object(uniformNode, i, "uniform.candidates"), "uniform.candidates[" + i + "]."));
        }
        JsonNode random = f.object(f.root(), "random", "");
        JsonNode frontNode = f.array(random, "front", "random.");
        List<ReportedConfig> randomFront = new ArrayList<>();
        for (int i = 0; i < frontNode.size(); i++) {
            randomFront.add(f.config(f.object(frontNode, i, "random.front"), "random.front[" + i + "]."));
        }
        return new Baselines(uniform, randomFront, f.number(random, "hypervolume", "random."),
                (int) f.number(random, "uniqueEvaluations", "random."));
    }

    private static ClassIouTable classIou(JsonFile f) {
        JsonNode classesNode = f.array(f.root(), "classes", "");
        List<String> classes = new ArrayList<>();
        for (int i = 0; i < classesNode.size(); i++) {
            classes.add(f.text(classesNode, i, "classes"));
        }
        JsonNode columnsNode = f.array(f.root(), "columns", "");
        List<ClassIouTable.Column> columns = new ArrayList<>();
        for (int i = 0; i < columnsNode.size(); i++) {
            String path = "columns[" + i + "].";
            JsonNode column = f.object(columnsNode, i, "columns");
            JsonNode iouNode = f.array(column, "iou", path);
            if (iouNode.size() != classes.size()) {
                throw new InvalidInputException(f.file() + ": \"" + path + "iou\" has " + iouNode.size()
                        + " values for " + classes.size() + " classes");
            }
            List<Double> iou = new ArrayList<>();
            for (int c = 0; c < iouNode.size(); c++) {
                iou.add(iouNode.get(c).isNull() ? Double.NaN : f.number(iouNode, c, path + "iou"));
            }
            columns.add(new ClassIouTable.Column(f.text(column, "name", path), f.text(column, "ratios", path),
                    f.number(column, "miou", path), iou));
        }
        return new ClassIouTable(f.text(f.root(), "split", ""), classes, columns);
    }

    /** One parsed JSON file, and field access whose errors name the file and the field. */
    private record JsonFile(Path file, JsonNode root) {

        static JsonFile read(Path file) {
            String text = TextFiles.readUtf8(file);
            JsonNode root;
            try {
                root = MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                throw new InvalidInputException(file + ": invalid JSON" + where(e.getLocation()) + ": "
                        + oneLine(e.getOriginalMessage()), e);
            }
            if (root == null || !root.isObject()) {
                throw new InvalidInputException(file + ": expected a JSON object, found "
                        + (root == null || root.isMissingNode() ? "nothing" : root.getNodeType().toString().toLowerCase(Locale.ROOT)));
            }
            return new JsonFile(file, root);
        }

        ReportedConfig config(JsonNode node, String path) {
            JsonNode ratios = node.get("ratios");
            if (ratios == null) {
                throw fieldError(path + "ratios", "is missing");
            }
            var config = SparsityConfigJson.parse("{\"ratios\": " + ratios + "}", file + ": " + path + "ratios");
            double predicted = optionalNumber(node, node.has("predictedLatencyMs") ? "predictedLatencyMs" : "latencyMs",
                    path);
            return new ReportedConfig(config, number(node, "metric", path), number(node, "gmacs", path),
                    number(node, "macFraction", path), predicted, optionalNumber(node, "measuredLatencyMs", path),
                    text(node, "origin", path), !node.has("feasible") || node.get("feasible").asBoolean());
        }

        double number(JsonNode parent, String field, String path) {
            JsonNode n = parent.get(field);
            if (n == null || !n.isNumber() || !Double.isFinite(n.asDouble())) {
                throw fieldError(path + field, "must be a finite number, found " + describe(n));
            }
            return n.asDouble();
        }

        /** A number that older runs or runs without a latency model leave out or null: {@code NaN} then. */
        double optionalNumber(JsonNode parent, String field, String path) {
            JsonNode n = parent.get(field);
            return n == null || n.isNull() ? Double.NaN : number(parent, field, path);
        }

        double number(JsonNode array, int index, String path) {
            JsonNode n = array.get(index);
            if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
                throw fieldError(path + "[" + index + "]", "must be a finite number or null, found " + describe(n));
            }
            return n.asDouble();
        }

        String text(JsonNode array, int index, String path) {
            JsonNode n = array.get(index);
            if (!n.isTextual()) {
                throw fieldError(path + "[" + index + "]", "must be a string, found " + describe(n));
            }
            return n.textValue();
        }

        String text(JsonNode parent, String field, String path) {
            JsonNode n = parent.get(field);
            if (n == null || !n.isTextual()) {
                throw fieldError(path + field, "must be a string, found " + describe(n));
            }
            return n.textValue();
        }

        JsonNode object(JsonNode parent, String field, String path) {
            JsonNode n = parent.get(field);
            if (n == null || !n.isObject()) {
                throw fieldError(path + field, "must be an object, found " + describe(n));
            }
            return n;
        }

        JsonNode object(JsonNode array, int index, String path) {
            JsonNode n = array.get(index);
            if (!n.isObject()) {
                throw fieldError(path + "[" + index + "]", "must be an object, found " + describe(n));
            }
            return n;
        }

        JsonNode array(JsonNode parent, String field, String path) {
            JsonNode n = parent.get(field);
            if (n == null || !n.isArray()) {
                throw fieldError(path + field, "must be a list, found " + describe(n));
            }
            return n;
        }

        private InvalidInputException fieldError(String field, String rule) {
            return new InvalidInputException(file + ": \"" + field + "\" " + rule);
        }
    }

    private static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing (the field is missing)";
        }
        return switch (n.getNodeType()) {
            case STRING -> "the string \"" + oneLine(n.textValue()) + "\"";
            case NUMBER -> "the number " + n.asText();
            case BOOLEAN -> "the boolean " + n.booleanValue();
            case NULL -> "null";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            default -> n.getNodeType().toString().toLowerCase(Locale.ROOT);
        };
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + " column " + location.getColumnNr();
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
