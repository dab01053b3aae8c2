package org.sparsevit4j.cli;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.profiler.InputShape;
import org.sparsevit4j.profiler.LatencyTable;
import org.sparsevit4j.profiler.MeasurementPlan;
import org.sparsevit4j.profiler.MeasuringLatencyMeter;
import org.sparsevit4j.search.LatencyMeter;

/**
 * The search's latency side: checks that the latency table applies to the supernet and to this
 * device, and opens the timing model that re-measures the reported configurations (a freshly
 * initialized copy of the supernet's architecture on the target device, at the table's input, or
 * at the search's resolution and batch 1 without a table).
 */
final class LatencyMeasuring implements AutoCloseable {

    /** Timed passes per reported configuration with a latency table, unless --measure-runs says otherwise. */
    static final int DEFAULT_RUNS = 10;
    private static final int WARMUP = 3;

    private final TimingSetup timing;
    private final LatencyMeter meter;
    private final List<String> warnings;

    private LatencyMeasuring(TimingSetup timing, LatencyMeter meter, List<String> warnings) {
        this.timing = timing;
        this.meter = meter;
        this.warnings = warnings;
    }

    /**
     * @param table the latency table, or null
     * @param tableFile where it came from, for messages
     * @param runs timed passes per re-measured configuration; null for the default
     */
    static LatencyMeasuring open(LatencyTable table, Path tableFile, Integer runs, Device device, EvaluationSetup setup) {
        ArchitectureSpec supernet = setup.model.spec().arch();
        int passes = runs != null ? runs : table != null ? DEFAULT_RUNS : 0;
        if (passes < 0) {
            throw new InvalidInputException("--measure-runs " + passes + " must not be negative");
        }
        List<String> warnings = new ArrayList<>();
        if (table != null && (table.input().height() != setup.height || table.input().width() != setup.width)) {
            warnings.add(tableFile + " was measured at " + table.input().resolution() + " but the search evaluates at "
                    + setup.height + "x" + setup.width + "; latency is predicted (and re-measured) at the table's size");
        }
        if (passes == 0 && table == null) {
            return new LatencyMeasuring(null, null, warnings);
        }
        InputShape input = table != null ? table.input() : new InputShape(1, setup.height, setup.width);
        TimingSetup timing = TimingSetup.open(supernet, input, device, null);
        try {
            if (table != null) {
                table.requireApplies(tableFile.toString(), supernet, timing.fingerprint);
            }
            LatencyMeter meter = passes == 0 ? null
                    : new MeasuringLatencyMeter(timing.timer, MeasurementPlan.of(WARMUP, passes), timing.fingerprint);
            return new LatencyMeasuring(timing, meter, warnings);
        } catch (RuntimeException e) {
            timing.close();
            throw e;
        }
    }

    /** The meter of the reported configurations, or null when they are not re-measured. */
    LatencyMeter meter() {
        return meter;
    }

    List<String> warnings() {
        return warnings;
    }

    @Override
    public void close() {
        if (timing != null) {
            timing.close();
        }
    }
}
