package org.sparsevit4j.profiler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.AtomicFiles;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.WindowGrid;
import org.sparsevit4j.supernet.model.Precision;

/**
 * A {@link LatencyTable} as a JSON file: what {@code sparsevit profile --build-table} writes and
 * {@code --table} / {@code sparsevit search --latency-table} read. Keys are snake_case like the
 * other files users script against; reading is strict, with one-line errors that name the file
 * and the field.
 *
 * <pre>{@code
 * {"format": "sparsevit4j-latency-table", "version": 3,
 *  "fingerprint": {...}, "arch": {...}, "input": {"batch": 1, "height": 672, "width": 672, "dtype": "f32"},
 *  "head": {"task": "classification", "classes": 1000, "decoder_dim": 0},
 *  "plan": {...}, "dense_ms": {"patch_embed": 12.3, ...}, "rank_ms": [..per stage..],
 *  "blocks": [{"stage": 0, "block": 0, "shifted": false, "windows": 576, "kept": [576, 518, ...], "ms": [...]}, ...],
 *  "calibration": {"offset_ms": 0.0, "slope": 1.0, "passes": 36, "plain_passes": false},
 *  "checks": [{"ratio": 0.0, "measured_ms_median": ..., "predicted_ms": ..., "noisy": false}, ...],
 *  "anchors": [..the same for plain passes at uniform 0.0, 0.4, 0.8..],
 *  "build_seconds": 61.2}
 * }</pre>
 */
public final class LatencyTableJson {

    static final String FORMAT = "sparsevit4j-latency-table";
    /**
     * 3: the fingerprint records the CPU fast paths. 2: the task head, the precision, the calibration of sums to passes and the build's anchors are
     * recorded; version 1 tables timed a classifier.
     */
    static final int VERSION = 3;
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private LatencyTableJson() {
    }

    /** Writes {@code table} to {@code file} atomically. */
    public static void write(LatencyTable table, Path file) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.set("fingerprint", MAPPER.valueToTree(table.fingerprint()));
        ArchitectureSpec a = table.arch();
        ObjectNode arch = root.putObject("arch");
        arch.put("name", a.name());
        arch.put("patch_size", a.patchSize());
        arch.put("in_channels", a.inChannels());
        arch.put("embed_dim", a.embedDim());
        a.depths().forEach(arch.putArray("depths")::add);
        a.heads().forEach(arch.putArray("heads")::add);
        arch.put("window_size", a.windowSize());
        arch.put("mlp_ratio", a.mlpRatio());
        arch.put("num_classes", a.numClasses());
        ObjectNode input = root.putObject("input");
        input.put("batch", table.input().batch());
        input.put("height", table.input().height());
        input.put("width", table.input().width());
        input.put("dtype", table.input().precision().cliName());
        ObjectNode head = root.putObject("head");
        head.put("task", table.head().task());
        head.put("classes", table.head().classes());
        head.put("decoder_dim", table.head().decoderDim());
        ObjectNode plan = root.putObject("plan");
        plan.put("warmup", table.plan().warmup());
        plan.put("runs", table.plan().runs());
        plan.put("max_relative_spread", table.plan().maxRelativeSpread());
        plan.put("retries", table.plan().retries());
        plan.put("random_contexts", table.randomContexts());
        ObjectNode dense = root.putObject("dense_ms");
        table.denseMs().forEach(dense::put);
        ArrayNode rank = root.putArray("rank_ms");
        for (double ms : table.rankMs()) {
            rank.add(ms);
        }
        ArrayNode blocks = root.putArray("blocks");
        int[] windows = a.windowsPerStage(table.input().height(), table.input().width());
        for (int s = 0; s < table.blockMs().length; s++) {
            for (int b = 0; b < table.blockMs()[s].length; b++) {
                ObjectNode block = blocks.addObject();
                block.put("stage", s);
                block.put("block", b);
                block.put("shifted", b % 2 == 1);
                block.put("windows", windows[s]);
                ArrayNode kept = block.putArray("kept");
                ArrayNode ms = block.putArray("ms");
                for (int level = 0; level <= WindowGrid.MAX_LEVEL; level++) {
                    kept.add(WindowGrid.keptWindows(windows[s], level));
                    ms.add(table.blockMs()[s][b][level]);
                }
            }
        }
        ObjectNode calibration = root.putObject("calibration");
        calibration.put("offset_ms", table.calibration().offsetMs());
        calibration.put("slope", table.calibration().slope());
        calibration.put("passes", table.calibration().passes());
        calibration.put("plain_passes", table.calibration().plainPasses());
        writeChecks(root.putArray("checks"), table.checks());
        writeChecks(root.putArray("anchors"), table.anchors());
        root.put("build_seconds", table.buildSeconds());
        try {
            AtomicFiles.writeString(file, MAPPER.writeValueAsString(root) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the latency table", e);
        }
    }

    private static void writeChecks(ArrayNode array, List<LatencyTable.Check> checks) {
        for (LatencyTable.Check c : checks) {
            ObjectNode check = array.addObject();
            check.put("ratio", c.ratio());
            check.put("measured_ms_median", c.measuredMs());
            check.put("predicted_ms", c.predictedMs());
            check.put("noisy", c.noisy());
        }
    }

    /** Reads a table written by {@link #write}. */
    public static LatencyTable read(Path file) {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(file + ": is a directory, not a latency table (JSON)");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such latency table");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file + ": not valid JSON (" + e.getOriginalMessage() + ", line "
                    + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
        try {
            return parse(root, file);
        } catch (InvalidInputException e) {
            String message = e.getMessage();
            throw message.startsWith(file.toString()) ? e : new InvalidInputException(file + ": " + message);
        }
    }

    private static LatencyTable parse(JsonNode root, Path file) {
        Reader r = new Reader(file);
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new InvalidInputException(file + ": not a latency table (\"format\" is not \"" + FORMAT + "\")");
        }
        if (root.path("version").asInt() != VERSION) {
            throw new InvalidInputException(file + ": latency table version " + root.path("version")
                    + " is not " + VERSION + "; rebuild it with sparsevit profile --build-table");
        }
        JsonNode f = r.object(root, "fingerprint");
        DeviceFingerprint fingerprint = new DeviceFingerprint(r.text(f, "deviceType"), r.integer(f, "deviceId"),
                r.text(f, "deviceName"), r.text(f, "engine"), r.text(f, "engineVersion"), r.text(f, "djlVersion"),
                r.integer(f, "intraOpThreads"), r.integer(f, "interOpThreads"), r.text(f, "java"), r.text(f, "os"),
                r.text(f, "cpuModel"), r.text(f, "fastPaths"));
        JsonNode a = r.object(root, "arch");
        ArchitectureSpec arch = new ArchitectureSpec(r.text(a, "name"), r.integer(a, "patch_size"),
                r.integer(a, "in_channels"), r.integer(a, "embed_dim"), r.integers(a, "depths"), r.integers(a, "heads"),
                r.integer(a, "window_size"), r.number(a, "mlp_ratio"), r.integer(a, "num_classes"));
        JsonNode i = r.object(root, "input");
        InputShape input = new InputShape(r.integer(i, "batch"), r.integer(i, "height"), r.integer(i, "width"),
                Precision.parse(r.text(i, "dtype")));
        JsonNode h = r.object(root, "head");
        TimedHead head = new TimedHead(r.text(h, "task"), r.integer(h, "classes"), r.integer(h, "decoder_dim"));
        JsonNode p = r.object(root, "plan");
        MeasurementPlan plan = new MeasurementPlan(r.integer(p, "warmup"), r.integer(p, "runs"),
                r.number(p, "max_relative_spread"), r.integer(p, "retries"));
        Map<String, Double> dense = new LinkedHashMap<>();
        r.object(root, "dense_ms").fields().forEachRemaining(e -> dense.put(e.getKey(), r.milliseconds(e.getValue(),
                "dense_ms." + e.getKey())));
        JsonNode rankNode = r.array(root, "rank_ms");
        double[] rank = new double[rankNode.size()];
        for (int s = 0; s < rank.length; s++) {
            rank[s] = r.milliseconds(rankNode.get(s), "rank_ms[" + s + "]");
        }
        double[][][] blocks = new double[arch.numStages()][][];
        for (int s = 0; s < blocks.length; s++) {
            blocks[s] = new double[arch.depth(s)][];
        }
        JsonNode blockNodes = r.array(root, "blocks");
        for (int k = 0; k < blockNodes.size(); k++) {
            JsonNode block = blockNodes.get(k);
            int s = r.integer(block, "stage");
            int b = r.integer(block, "block");
            if (s < 0 || s >= blocks.length || b < 0 || b >= blocks[s].length) {
                throw new InvalidInputException(file + ": blocks[" + k + "] is stage " + s + " block " + b
                        + ", which " + arch.name() + " does not have");
            }
            JsonNode ms = r.array(block, "ms");
            blocks[s][b] = new double[ms.size()];
            for (int level = 0; level < ms.size(); level++) {
                blocks[s][b][level] = r.milliseconds(ms.get(level), "blocks[" + k + "].ms[" + level + "]");
            }
        }
        for (int s = 0; s < blocks.length; s++) {
            for (int b = 0; b < blocks[s].length; b++) {
                if (blocks[s][b] == null) {
                    throw new InvalidInputException(file + ": no times for stage " + s + " block " + b);
                }
            }
        }
        JsonNode c = r.object(root, "calibration");
        LatencyTable.Calibration calibration = new LatencyTable.Calibration(r.number(c, "offset_ms"),
                r.number(c, "slope"), r.integer(c, "passes"), r.bool(c, "plain_passes"));
        return new LatencyTable(fingerprint, arch, head, input, plan, r.integer(p, "random_contexts"), dense, rank,
                blocks, calibration, readChecks(r, root, "checks"), readChecks(r, root, "anchors"),
                r.number(root, "build_seconds"));
    }

    private static List<LatencyTable.Check> readChecks(Reader r, JsonNode root, String name) {
        List<LatencyTable.Check> checks = new ArrayList<>();
        for (JsonNode c : r.array(root, name)) {
            checks.add(new LatencyTable.Check(r.number(c, "ratio"), r.number(c, "measured_ms_median"),
                    r.number(c, "predicted_ms"), r.bool(c, "noisy")));
        }
        return checks;
    }

    /** Field access that fails with one line naming the file and the field. */
    private record Reader(Path file) {

        JsonNode field(JsonNode parent, String name) {
            JsonNode v = parent.get(name);
            if (v == null || v.isNull()) {
                throw new InvalidInputException(file + ": missing field \"" + name + "\"");
            }
            return v;
        }

        JsonNode object(JsonNode parent, String name) {
            JsonNode v = field(parent, name);
            if (!v.isObject()) {
                throw new InvalidInputException(file + ": \"" + name + "\" must be an object");
            }
            return v;
        }

        JsonNode array(JsonNode parent, String name) {
            JsonNode v = field(parent, name);
            if (!v.isArray()) {
                throw new InvalidInputException(file + ": \"" + name + "\" must be an array");
            }
            return v;
        }

        String text(JsonNode parent, String name) {
            JsonNode v = field(parent, name);
            if (!v.isTextual()) {
                throw new InvalidInputException(file + ": \"" + name + "\" must be a string");
            }
            return v.asText();
        }

        int integer(JsonNode parent, String name) {
            JsonNode v = field(parent, name);
            if (!v.canConvertToInt() || !v.isIntegralNumber()) {
                throw new InvalidInputException(file + ": \"" + name + "\" must be an integer");
            }
            return v.asInt();
        }

        boolean bool(JsonNode parent, String name) {
            JsonNode v = field(parent, name);
            if (!v.isBoolean()) {
                throw new InvalidInputException(file + ": \"" + name + "\" must be true or false");
            }
            return v.asBoolean();
        }

        double number(JsonNode parent, String name) {
            JsonNode v = field(parent, name);
            if (!v.isNumber()) {
                throw new InvalidInputException(file + ": \"" + name + "\" must be a number");
            }
            return v.asDouble();
        }

        List<Integer> integers(JsonNode parent, String name) {
            List<Integer> out = new ArrayList<>();
            JsonNode v = array(parent, name);
            for (int k = 0; k < v.size(); k++) {
                if (!v.get(k).isIntegralNumber()) {
                    throw new InvalidInputException(file + ": \"" + name + "\"[" + k + "] must be an integer");
                }
                out.add(v.get(k).asInt());
            }
            return out;
        }

        double milliseconds(JsonNode v, String where) {
            if (v == null || !v.isNumber() || !(v.asDouble() >= 0) || Double.isInfinite(v.asDouble())) {
                throw new InvalidInputException(file + ": " + where + " must be a time in ms, finite and not negative");
            }
            return v.asDouble();
        }
    }
}
