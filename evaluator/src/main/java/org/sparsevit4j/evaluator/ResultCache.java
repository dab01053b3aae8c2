package org.sparsevit4j.evaluator;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
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
import org.sparsevit4j.core.Json;
import org.sparsevit4j.core.NanAsNull;
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
                cache.append(Json.compact(new KeyLine(key)));
            }
        } catch (IOException e) {
            throw AtomicFiles.failure(file, "cannot use the evaluation cache", e);
        }
        return cache;
    }

    /** A cache file's first line: what its results depend on besides the configuration. */
    record KeyLine(String key) {
    }

    /**
     * A result's line. A metric the task does not have (a classifier's mIoU, a segmenter's top-1) and
     * an undefined class IoU (a class absent from labels and predictions) are null.
     */
    record ResultLine(List<List<Double>> ratios, String split, int images, boolean segmentation, Double top1,
            Double miou, @JsonProperty("pixel_accuracy") Double pixelAccuracy,
            @JsonProperty("class_iou") @JsonSerialize(contentUsing = NanAsNull.class) List<Double> classIou,
            double seconds) {

        static ResultLine of(EvaluationResult r) {
            return new ResultLine(r.config().ratios(), r.split(), r.images(), r.segmentation(), orNull(r.top1()),
                    orNull(r.miou()), orNull(r.pixelAccuracy()), r.segmentation() ? r.classIou() : null, r.seconds());
        }

        EvaluationResult result() {
            SparsityConfig config = SparsityConfig.ofRatios(ratios);
            List<Double> perClass = new ArrayList<>();
            if (classIou != null) {
                classIou.forEach(v -> perClass.add(v == null ? Double.NaN : v));
            }
            return new EvaluationResult(config, split, images, segmentation, orNaN(top1), orNaN(miou),
                    orNaN(pixelAccuracy), perClass, seconds, true);
        }

        private static Double orNull(double v) {
            return Double.isNaN(v) ? null : v;
        }

        private static double orNaN(Double v) {
            return v == null ? Double.NaN : v;
        }
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
            if (isKeyLine(line)) {
                try {
                    key = Json.parse(line, KeyLine.class, file.toString()).key();
                } catch (RuntimeException cut) {
                    // a key line cut short: the file's results still count
                }
            } else if (!line.isBlank()) {
                results++;
            }
        }
        return new Contents(key, results);
    }

    private static boolean isKeyLine(String line) {
        return line.startsWith("{\"key\"");
    }

    private void read(String line) {
        if (isKeyLine(line) || line.isBlank()) {
            return;
        }
        try {
            EvaluationResult r = Json.parse(line, ResultLine.class, file.toString()).result();
            entries.put(r.config(), r);
        } catch (RuntimeException e) {
            // a line cut short by a crash: that one result is evaluated again
        }
    }

    public synchronized Optional<EvaluationResult> get(SparsityConfig config) {
        EvaluationResult r = entries.get(config);
        return r == null ? Optional.empty() : Optional.of(r.fromCache());
    }

    public synchronized void put(EvaluationResult r) {
        entries.put(r.config(), r);
        if (file != null) {
            append(Json.compact(ResultLine.of(r)));
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
