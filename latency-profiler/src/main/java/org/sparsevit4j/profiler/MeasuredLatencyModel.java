package org.sparsevit4j.profiler;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.Json;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.search.CostModel;

/**
 * Latency measured on the device for every configuration the search asks about, the reference
 * code's way ({@code search --latency measure}): no table, so nothing of the per-part
 * synchronisation that a table built on a GPU adds to its sum. Each configuration is measured once
 * (warm-up and timed passes, the median) and then served from a cache.
 *
 * <p>The cache is kept in a file of the run folder, rewritten after every new measurement, so that a
 * search resumed after a kill gets the very values its first part drew with, and draws the same
 * candidates; measuring again would give slightly different figures and another search. The file
 * records the device fingerprint and the timed model, and is refused on another device.
 */
public final class MeasuredLatencyModel implements CostModel {

    /** The file in a run folder. */
    public static final String FILE = "latency-measurements.json";
    private static final String FORMAT = "sparsevit4j-latency-measurements";

    /** One measured configuration: its ratios in the {@code --config} form and its median pass. */
    record Entry(List<List<Double>> ratios, double ms) {
    }

    /** The file's content. */
    record Stored(String format, int version, DeviceFingerprint fingerprint, String model, List<Entry> measurements) {
    }

    private final ForwardTimer timer;
    private final MeasurementPlan plan;
    private final DeviceFingerprint fingerprint;
    private final Path file;
    private final Map<SparsityConfig, Double> measured = new LinkedHashMap<>();

    /**
     * @param file where measurements are kept (read first when it exists), or null to keep them in memory
     */
    public MeasuredLatencyModel(ForwardTimer timer, MeasurementPlan plan, DeviceFingerprint fingerprint, Path file) {
        this.timer = Objects.requireNonNull(timer, "timer");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
        this.file = file;
        if (file != null && Files.exists(file)) {
            load(file);
        }
    }

    private void load(Path from) {
        // the format first: another file, or another version, would otherwise fail on a field and hide why
        Json.Header head = Json.header(from);
        if (!FORMAT.equals(head.format()) || !Integer.valueOf(1).equals(head.version())) {
            throw new InvalidInputException(from + ": not a version 1 file of latency measurements");
        }
        Stored stored = Json.read(from, Stored.class);
        List<String> differences = stored.fingerprint().differences(fingerprint);
        if (!differences.isEmpty()) {
            throw new InvalidInputException(from + " was measured on another device or engine setting ("
                    + String.join("; ", differences) + ")");
        }
        if (!stored.model().equals(model())) {
            throw new InvalidInputException(from + " was measured for " + stored.model() + ", not " + model());
        }
        for (Entry e : stored.measurements()) {
            SparsityConfig config = SparsityConfig.ofRatios(e.ratios());
            config.requireMatches(timer.model().arch());
            measured.put(config, e.ms());
        }
    }

    @Override
    public double latencyMs(SparsityConfig config) {
        Double known = measured.get(config);
        if (known != null) {
            return known;
        }
        double ms = LatencyMeasurement.configurations(timer, List.of(config), plan, line -> { }).get(0).summary()
                .medianMs();
        measured.put(config, ms);
        save();
        return ms;
    }

    private void save() {
        if (file == null) {
            return;
        }
        List<Entry> entries = new ArrayList<>(measured.size());
        measured.forEach((config, ms) -> entries.add(new Entry(config.ratios(), ms)));
        Json.write(file, new Stored(FORMAT, 1, fingerprint, model(), entries));
    }

    /** Configurations measured so far (from the file included). */
    public int size() {
        return measured.size();
    }

    private String model() {
        return timer.model().arch().name() + " " + timer.head().describe() + " at " + timer.input().describe();
    }

    @Override
    public String description() {
        return "measured per configuration: median of " + plan.runs() + " passes after " + plan.warmup()
                + " warm-up, " + model() + ", on " + fingerprint.describe();
    }
}
