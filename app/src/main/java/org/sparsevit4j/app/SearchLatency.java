package org.sparsevit4j.app;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.profiler.CalibratedTable;
import org.sparsevit4j.profiler.DeviceFingerprint;
import org.sparsevit4j.profiler.InputShape;
import org.sparsevit4j.profiler.LatencyTable;
import org.sparsevit4j.profiler.LatencyTableJson;
import org.sparsevit4j.profiler.MeasuredLatencyModel;
import org.sparsevit4j.profiler.MeasurementPlan;
import org.sparsevit4j.profiler.MeasuringLatencyMeter;
import org.sparsevit4j.profiler.TimedHead;
import org.sparsevit4j.search.CostModel;
import org.sparsevit4j.search.LatencyMeter;
import org.sparsevit4j.supernet.model.Precision;

/**
 * The search's latency side. It opens the timing model: the supernet's own weights, head included,
 * on the target device and in the search's precision. It then gives the search its latency cost
 * model and the meter that re-measures the reported configurations.
 *
 * <ul>
 *   <li>With a latency table ({@code --latency table}, the default when one is given): the table,
 *       checked against the supernet and this device, re-anchored to this process by a few plain
 *       passes. The anchors are kept in the run folder's inputs, so a resumed search predicts exactly
 *       what it predicted before.</li>
 *   <li>{@code --latency measure}: every configuration the search asks about is measured on the
 *       device (cached in the run folder, see {@link MeasuredLatencyModel}).</li>
 * </ul>
 * Without either, the reported configurations are re-measured only when {@code --measure-runs} asks.
 */
public final class SearchLatency implements AutoCloseable {

    /** Timed passes per measured configuration, unless --measure-runs says otherwise. */
    static final int DEFAULT_RUNS = 10;
    private static final int WARMUP = 3;

    /** How the search gets latency: {@code table} or {@code measure}. */
    public enum Source {
        TABLE, MEASURE;

        public static Source parse(String text) {
            for (Source s : values()) {
                if (s.name().equalsIgnoreCase(text.strip())) {
                    return s;
                }
            }
            throw new InvalidInputException("--latency " + text + " must be table or measure");
        }
    }

    private final TimedModel timing;
    private final CostModel costModel;
    private final List<LatencyTable.Check> anchors;
    private final LatencyMeter meter;
    private final List<String> warnings;

    private SearchLatency(TimedModel timing, CostModel costModel, List<LatencyTable.Check> anchors,
            LatencyMeter meter, List<String> warnings) {
        this.timing = timing;
        this.costModel = costModel;
        this.anchors = anchors;
        this.meter = meter;
        this.warnings = warnings;
    }

    /**
     * @param tableFile the latency table, or null
     * @param source table or measure; null for table when a table is given
     * @param runs timed passes per measured configuration; null for the default
     * @param latencyBatch images per timed pass without a table
     * @param savedAnchors the anchors a resumed search measured when it started, or null to measure them
     * @param runDir the search's run folder (for the measurements of --latency measure)
     */
    public static SearchLatency open(Path tableFile, Source source, Integer runs, int latencyBatch, Device device,
            Precision precision, ModelSession setup, List<LatencyTable.Check> savedAnchors, Path runDir) {
        LatencyTable table = tableFile == null ? null : LatencyTableJson.read(tableFile);
        Source mode = source != null ? source : table != null ? Source.TABLE : null;
        if (mode == Source.TABLE && table == null) {
            throw new InvalidInputException("--latency table needs --latency-table T.json (build one on this device with "
                    + "sparsevit profile --build-table --weights SUPERNET)");
        }
        if (mode == Source.MEASURE && table != null) {
            throw new InvalidInputException("--latency measure times every candidate on the device; leave out "
                    + "--latency-table, or use --latency table");
        }
        int passes = runs != null ? runs : mode != null ? DEFAULT_RUNS : 0;
        if (passes < 0 || (mode == Source.MEASURE && passes == 0)) {
            throw new InvalidInputException("--measure-runs " + passes + " must be " + (mode == Source.MEASURE
                    ? "at least 1 with --latency measure" : "0 or more"));
        }
        List<String> warnings = new ArrayList<>();
        if (mode == null && passes == 0) {
            return new SearchLatency(null, null, List.of(), null, warnings);
        }
        InputShape input;
        if (table != null) {
            input = table.input();
            if (input.height() != setup.height() || input.width() != setup.width()) {
                warnings.add(tableFile + " was measured at " + input.resolution() + " but the search evaluates at "
                        + setup.height() + "x" + setup.width() + "; latency is predicted (and re-measured) at the table's size");
            }
        } else {
            input = new InputShape(latencyBatch, setup.height(), setup.width(), precision);
        }
        TimedModel timing = TimedModel.open(null, setup.model().file(), input, device);
        try {
            CostModel model = null;
            List<LatencyTable.Check> anchors = List.of();
            if (table != null) {
                requireTableFits(tableFile, table, precision, timing.model().arch(), timing.timer().head(),
                        timing.fingerprint());
                CalibratedTable calibrated = savedAnchors != null
                        ? CalibratedTable.of(table, savedAnchors)
                        : CalibratedTable.anchor(table, timing.timer(), CalibratedTable.ANCHOR_PLAN);
                anchors = calibrated.anchors();
                model = calibrated;
            } else if (mode == Source.MEASURE) {
                model = new MeasuredLatencyModel(timing.timer(), MeasurementPlan.of(WARMUP, passes), timing.fingerprint(),
                        runDir.resolve(MeasuredLatencyModel.FILE));
            }
            LatencyMeter meter = passes == 0 ? null
                    : new MeasuringLatencyMeter(timing.timer(), MeasurementPlan.of(WARMUP, passes), timing.fingerprint());
            return new SearchLatency(timing, model, anchors, meter, warnings);
        } catch (RuntimeException e) {
            timing.close();
            throw e;
        }
    }

    /**
     * Refuses a table that cannot predict for this search: measured in another precision, for another
     * architecture or head, or on another device or engine setting ({@link LatencyTable#requireApplies}).
     * A batch job checks its targets' tables with it before any work.
     */
    public static void requireTableFits(Path tableFile, LatencyTable table, Precision precision, ArchitectureSpec arch,
            TimedHead head, DeviceFingerprint device) {
        if (table.input().precision() != precision) {
            throw new InvalidInputException(tableFile + " was measured in " + table.input().precision().cliName()
                    + " but the search runs in " + precision.cliName() + " (--dtype)");
        }
        table.requireApplies(tableFile.toString(), arch, head, device);
    }

    /** The search's latency cost model, or null when it has none. */
    public CostModel costModel() {
        return costModel;
    }

    /** The anchors the table was re-anchored with (to keep for a resume); empty without a table. */
    public List<LatencyTable.Check> anchors() {
        return anchors;
    }

    /** The meter of the reported configurations, or null when they are not re-measured. */
    public LatencyMeter meter() {
        return meter;
    }

    public List<String> warnings() {
        return warnings;
    }

    @Override
    public void close() {
        if (timing != null) {
            timing.close();
        }
    }
}
