package org.sparsevit4j.profiler;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.Json;
import org.sparsevit4j.core.SnakeCaseArchitecture;
import org.sparsevit4j.core.WindowGrid;
import org.sparsevit4j.supernet.model.Precision;

/**
 * A {@link LatencyTable} as a JSON file: what {@code sparsevit profile --build-table} writes and
 * {@code --table} / {@code sparsevit search --latency-table} read. Keys are snake_case like the
 * other files users script against (the fingerprint keeps its record's names); the schema is the
 * records below, read strictly through the project's mapper, with one-line errors that name the
 * file and the field.
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
     * 3: the fingerprint records the CPU fast paths. 2: the task head, the precision, the calibration of sums to
     * passes and the build's anchors are recorded; version 1 tables timed a classifier.
     */
    static final int VERSION = 3;

    private LatencyTableJson() {
    }

    /** The file's schema. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TableFile(String format, int version, DeviceFingerprint fingerprint, SnakeCaseArchitecture arch,
            InputEntry input, HeadEntry head, PlanEntry plan, Map<String, Double> denseMs, List<Double> rankMs,
            List<BlockEntry> blocks, CalibrationEntry calibration, List<CheckEntry> checks, List<CheckEntry> anchors,
            double buildSeconds) {

        TableFile {
            denseMs.forEach((part, ms) -> requireMilliseconds("dense_ms." + part, ms));
            for (int s = 0; s < rankMs.size(); s++) {
                requireMilliseconds("rank_ms[" + s + "]", rankMs.get(s));
            }
        }
    }

    record InputEntry(int batch, int height, int width, Precision dtype) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record HeadEntry(String task, int classes, int decoderDim) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PlanEntry(int warmup, int runs, double maxRelativeSpread, int retries, int randomContexts) {
    }

    /** One block's times at each level, with the windows it keeps there (for people reading the file). */
    record BlockEntry(int stage, int block, boolean shifted, int windows, List<Integer> kept, List<Double> ms) {

        BlockEntry {
            for (int level = 0; level < ms.size(); level++) {
                requireMilliseconds("ms[" + level + "]", ms.get(level));
            }
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CalibrationEntry(double offsetMs, double slope, int passes, boolean plainPasses) {
    }

    record CheckEntry(double ratio, @JsonProperty("measured_ms_median") double measuredMs,
            @JsonProperty("predicted_ms") double predictedMs, boolean noisy) {
    }

    /** Writes {@code table} to {@code file} atomically. */
    public static void write(LatencyTable table, Path file) {
        ArchitectureSpec a = table.arch();
        int[] windows = a.windowsPerStage(table.input().height(), table.input().width());
        List<BlockEntry> blocks = new ArrayList<>();
        for (int s = 0; s < table.blockMs().length; s++) {
            for (int b = 0; b < table.blockMs()[s].length; b++) {
                List<Integer> kept = new ArrayList<>();
                List<Double> ms = new ArrayList<>();
                for (int level = 0; level <= WindowGrid.MAX_LEVEL; level++) {
                    kept.add(WindowGrid.keptWindows(windows[s], level));
                    ms.add(table.blockMs()[s][b][level]);
                }
                blocks.add(new BlockEntry(s, b, b % 2 == 1, windows[s], kept, ms));
            }
        }
        LatencyTable.Calibration c = table.calibration();
        Json.write(file, new TableFile(FORMAT, VERSION, table.fingerprint(), SnakeCaseArchitecture.of(a),
                new InputEntry(table.input().batch(), table.input().height(), table.input().width(),
                        table.input().precision()),
                new HeadEntry(table.head().task(), table.head().classes(), table.head().decoderDim()),
                new PlanEntry(table.plan().warmup(), table.plan().runs(), table.plan().maxRelativeSpread(),
                        table.plan().retries(), table.randomContexts()),
                table.denseMs(), java.util.Arrays.stream(table.rankMs()).boxed().toList(), blocks,
                new CalibrationEntry(c.offsetMs(), c.slope(), c.passes(), c.plainPasses()),
                checks(table.checks()), checks(table.anchors()), table.buildSeconds()));
    }

    /** Reads a table written by {@link #write}. */
    public static LatencyTable read(Path file) {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(file + ": is a directory, not a latency table (JSON)");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such latency table");
        }
        Json.Header header = Json.header(file);
        if (!FORMAT.equals(header.format())) {
            throw new InvalidInputException(file + ": not a latency table (\"format\" is not \"" + FORMAT + "\")");
        }
        if (!Integer.valueOf(VERSION).equals(header.version())) {
            throw new InvalidInputException(file + ": latency table version " + header.version()
                    + " is not " + VERSION + "; rebuild it with sparsevit profile --build-table");
        }
        TableFile f = Json.read(file, TableFile.class);
        ArchitectureSpec arch = f.arch().spec();
        double[][][] blocks = new double[arch.numStages()][][];
        for (int s = 0; s < blocks.length; s++) {
            blocks[s] = new double[arch.depth(s)][];
        }
        for (int k = 0; k < f.blocks().size(); k++) {
            BlockEntry block = f.blocks().get(k);
            int s = block.stage();
            int b = block.block();
            if (s < 0 || s >= blocks.length || b < 0 || b >= blocks[s].length) {
                throw new InvalidInputException(file + ": blocks[" + k + "] is stage " + s + " block " + b
                        + ", which " + arch.name() + " does not have");
            }
            blocks[s][b] = block.ms().stream().mapToDouble(Double::doubleValue).toArray();
        }
        for (int s = 0; s < blocks.length; s++) {
            for (int b = 0; b < blocks[s].length; b++) {
                if (blocks[s][b] == null) {
                    throw new InvalidInputException(file + ": no times for stage " + s + " block " + b);
                }
            }
        }
        try {
            InputEntry i = f.input();
            PlanEntry p = f.plan();
            CalibrationEntry c = f.calibration();
            return new LatencyTable(f.fingerprint(), arch, new TimedHead(f.head().task(), f.head().classes(),
                    f.head().decoderDim()), new InputShape(i.batch(), i.height(), i.width(), i.dtype()),
                    new MeasurementPlan(p.warmup(), p.runs(), p.maxRelativeSpread(), p.retries()), p.randomContexts(),
                    f.denseMs(), f.rankMs().stream().mapToDouble(Double::doubleValue).toArray(), blocks,
                    new LatencyTable.Calibration(c.offsetMs(), c.slope(), c.passes(), c.plainPasses()),
                    fromEntries(f.checks()), fromEntries(f.anchors()), f.buildSeconds());
        } catch (InvalidInputException e) {
            throw new InvalidInputException(file + ": " + e.getMessage(), e);
        }
    }

    private static List<CheckEntry> checks(List<LatencyTable.Check> checks) {
        return checks.stream().map(c -> new CheckEntry(c.ratio(), c.measuredMs(), c.predictedMs(), c.noisy())).toList();
    }

    private static List<LatencyTable.Check> fromEntries(List<CheckEntry> entries) {
        return entries.stream().map(c -> new LatencyTable.Check(c.ratio(), c.measuredMs(), c.predictedMs(), c.noisy()))
                .toList();
    }

    private static void requireMilliseconds(String where, Double ms) {
        if (ms == null || !(ms >= 0) || Double.isInfinite(ms)) {
            throw new InvalidInputException(where + " must be a time in ms, finite and not negative, found " + ms);
        }
    }
}
