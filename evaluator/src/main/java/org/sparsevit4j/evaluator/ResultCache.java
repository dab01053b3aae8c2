package org.sparsevit4j.evaluator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.sparsevit4j.core.AtomicFiles;
import org.sparsevit4j.core.FileHash;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SparsityConfigJson;

/**
 * Evaluation results kept across runs, one file per key (checkpoint hash, dataset identity, split,
 * resolution, {@link SplitEvaluator#EVALUATION_SEMANTICS}, ...): a JSON line per configuration
 * (its metrics, per-class IoU included), appended and synced as each result is known. A
 * line cut short by a crash is skipped on reading, so nothing else is lost, and a second
 * evaluation of a configuration costs nothing.
 */
public final class ResultCache {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXTENSION = ".jsonl";
    /** A cache file's name: the first 32 hex digits of its key's SHA-256. */
    private static final Pattern NAME = Pattern.compile("[0-9a-f]{32}" + Pattern.quote(EXTENSION));

    private final Path file;
    private final Map<SparsityConfig, EvaluationResult> entries = new HashMap<>();

    private ResultCache(Path file) {
        this.file = file;
    }

    /** A cache that remembers within this process only (for {@code --no-cache}). */
    public static ResultCache inMemory() {
        return new ResultCache(null);
    }

    /**
     * The cache of one evaluation key in {@code directory}.
     *
     * @param key everything the results depend on besides the configuration
     */
    public static ResultCache open(Path directory, String key) {
        Path file = directory.resolve(FileHash.sha256(key).substring(0, 32) + EXTENSION);
        ResultCache cache = new ResultCache(file);
        try {
            Files.createDirectories(directory);
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (String line : lines) {
                    cache.read(line);
                }
            } else {
                cache.append(JSON.createObjectNode().put("key", key).toString());
            }
        } catch (IOException e) {
            throw AtomicFiles.failure(file, "cannot use the evaluation cache", e);
        }
        return cache;
    }

    /** What a cache file holds: its key and how many results, counted without parsing them. */
    public record Contents(String key, int results) {
    }

    /** Whether {@code file} is named as this class names its files. */
    public static boolean isCacheFile(Path file) {
        return NAME.matcher(file.getFileName().toString()).matches() && Files.isRegularFile(file);
    }

    /** The key and result count of a cache file; a key line cut short or missing reads as an empty key. */
    public static Contents contents(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String key = "";
        int results = 0;
        for (String line : lines) {
            if (line.startsWith("{\"key\"")) {
                try {
                    key = JSON.readTree(line).path("key").asText();
                } catch (IOException cut) {
                    // a key line cut short: the file's results still count
                }
            } else if (!line.isBlank()) {
                results++;
            }
        }
        return new Contents(key, results);
    }

    private void read(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            if (n == null || !n.has("ratios")) {
                return; // the key line
            }
            SparsityConfig config = SparsityConfigJson.parse("{\"ratios\": " + n.get("ratios") + "}", file.toString());
            List<Double> classIou = new ArrayList<>();
            JsonNode perClass = n.get("class_iou");
            if (perClass != null) {
                perClass.forEach(v -> classIou.add(v.isNull() ? Double.NaN : v.asDouble()));
            }
            entries.put(config, new EvaluationResult(config, n.get("split").asText(), n.get("images").asInt(),
                    n.get("segmentation").asBoolean(), number(n, "top1"), number(n, "miou"),
                    number(n, "pixel_accuracy"), classIou, n.get("seconds").asDouble(), true));
        } catch (IOException | RuntimeException e) {
            // a line cut short by a crash: that one result is evaluated again
        }
    }

    private static double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }

    public synchronized Optional<EvaluationResult> get(SparsityConfig config) {
        EvaluationResult r = entries.get(config);
        return r == null ? Optional.empty() : Optional.of(r.fromCache());
    }

    public synchronized void put(EvaluationResult r) {
        entries.put(r.config(), r);
        if (file == null) {
            return;
        }
        ObjectNode n = JSON.createObjectNode();
        n.set("ratios", JSON.valueToTree(r.config().ratios()));
        n.put("split", r.split());
        n.put("images", r.images());
        n.put("segmentation", r.segmentation());
        put(n, "top1", r.top1());
        put(n, "miou", r.miou());
        put(n, "pixel_accuracy", r.pixelAccuracy());
        if (r.segmentation()) {
            ArrayNode perClass = n.putArray("class_iou");
            r.classIou().forEach(v -> perClass.add(Double.isNaN(v) ? null : v));
        }
        n.put("seconds", r.seconds());
        append(n.toString());
    }

    private static void put(ObjectNode n, String field, double value) {
        if (Double.isNaN(value)) {
            n.putNull(field);
        } else {
            n.put(field, value);
        }
    }

    private void append(String line) {
        try {
            // a `sparsevit cache --clear` while this run goes on removed the folder; the run's results stay good
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw AtomicFiles.failure(file, "cannot append to the evaluation cache", e);
        }
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot append to the evaluation cache", e);
        }
    }

    /** Results held. */
    public synchronized int size() {
        return entries.size();
    }

    /** The cache file, or null for an in-memory cache. */
    public Path file() {
        return file;
    }
}
