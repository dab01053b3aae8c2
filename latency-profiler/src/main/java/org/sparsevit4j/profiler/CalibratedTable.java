package org.sparsevit4j.profiler;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.search.CostModel;

/**
 * A latency table re-anchored to the process that uses it: the table's relative costs (which
 * configuration costs what fraction of which) scaled by one factor fitted to a few plain passes
 * measured here and now.
 *
 * <p>Why: a table is built once and used later in other processes, and the absolute speed of a
 * process drifts: on a shared CPU the same pass took 10–30% longer a minute later in a fresh
 * process (allocator state, clock frequency, other load), and every prediction came out low by
 * about the same factor. On a GPU, timing the parts in place adds a synchronisation per part, so
 * the table's sum exceeds a plain pass by a near-constant factor. Both are multiplicative; the
 * ranking of configurations, which the table gets right, is not affected.
 *
 * <p>The factor minimises the squared relative error of the scaled sum over the anchors (dense and
 * uniform 0.4 and 0.8): {@code s = Σ(pᵢ/mᵢ) / Σ(pᵢ/mᵢ)²}. It is recorded in the provenance of
 * what it predicts, next to the drift from the build's own anchors.
 *
 * @param table the table
 * @param scale the factor applied to every prediction (1 when not anchored)
 * @param anchors the anchors measured in this process, beside the table's unscaled sum; empty when
 *     not anchored
 */
public record CalibratedTable(LatencyTable table, double scale, List<LatencyTable.Check> anchors) implements CostModel {

    /** Warm-up and timed passes of each anchor: under a second for Swin-T on a GPU, ~10 s on two CPU cores. */
    public static final MeasurementPlan ANCHOR_PLAN = new MeasurementPlan(2, 5, MeasurementPlan.DEFAULT_MAX_SPREAD, 1);

    public CalibratedTable {
        Objects.requireNonNull(table, "table");
        anchors = List.copyOf(anchors);
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("latency scale " + scale);
        }
    }

    /** The table as built, not re-anchored. */
    public static CalibratedTable unanchored(LatencyTable table) {
        return new CalibratedTable(table, 1.0, List.of());
    }

    /**
     * Measures the anchors with {@code timer} (the model and input of the table, on its device) and
     * fits the scale.
     */
    public static CalibratedTable anchor(LatencyTable table, ForwardTimer timer, MeasurementPlan plan) {
        settle(timer, anchorConfigs(table), settleSeconds());
        return measureAnchors(table, timer, plan);
    }

    /**
     * Seconds of settling before anchors are timed: {@value #SETTLE_SECONDS}, or the system property
     * {@code sparsevit.anchor.settleSeconds} (the test build shortens it; timings of tests are not figures).
     */
    static double settleSeconds() {
        String value = System.getProperty("sparsevit.anchor.settleSeconds");
        return value == null ? SETTLE_SECONDS : Double.parseDouble(value);
    }

    private static List<SparsityConfig> anchorConfigs(LatencyTable table) {
        List<SparsityConfig> configs = new ArrayList<>();
        for (double ratio : LatencyTable.ANCHOR_RATIOS) {
            configs.add(SparsityConfig.uniform(table.arch(), ratio));
        }
        return configs;
    }

    /**
     * Times the anchors now, without settling first: for a process that is warm already (the table's
     * own build, after all its passes).
     */
    static CalibratedTable measureAnchors(LatencyTable table, ForwardTimer timer, MeasurementPlan plan) {
        List<SparsityConfig> configs = anchorConfigs(table);
        List<Measured> measured = LatencyMeasurement.configurations(timer, configs, plan, line -> { });
        List<LatencyTable.Check> anchors = new ArrayList<>();
        for (int k = 0; k < configs.size(); k++) {
            anchors.add(new LatencyTable.Check(LatencyTable.ANCHOR_RATIOS[k], measured.get(k).summary().medianMs(),
                    table.latencyMs(configs.get(k)), measured.get(k).noisy()));
        }
        return new CalibratedTable(table, fit(anchors), anchors);
    }

    /** The table anchored by anchors measured earlier (a resumed search reuses those it started with). */
    public static CalibratedTable of(LatencyTable table, List<LatencyTable.Check> anchors) {
        return new CalibratedTable(table, fit(anchors), anchors);
    }

    /**
     * Passes over the anchors until the process has settled: at least {@value #SETTLE_SECONDS} s, then
     * until the median round of the last {@value #WINDOW} rounds is within {@value #STEADY} of the
     * {@value #WINDOW} before (at most {@value #SETTLE_CAP_SECONDS} s). A fresh process loads kernels,
     * grows its allocator's pools, compiles the Java side of every operation and, on a GPU, raises
     * its clocks. With two warm-up passes per anchor a fresh process on an H200 timed the anchors
     * 1.3–2.4x slower than the build had; on this project's CPU a small model (swin_micro at 448, 13 ms
     * passes) got faster for 15 s (46 → 39 ms per round of the three anchors), and anchors timed after
     * 2 s scaled every prediction up by 9–21% that the table as built had right within 3%.
     */
    private static void settle(ForwardTimer timer, List<SparsityConfig> configs, double minSeconds) {
        long start = System.nanoTime();
        List<Double> rounds = new ArrayList<>();
        while (true) {
            double round = 0;
            for (SparsityConfig c : configs) {
                round += timer.passMs(c);
            }
            rounds.add(round);
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (elapsed >= Math.max(minSeconds, SETTLE_CAP_SECONDS)) {
                return;
            }
            int n = rounds.size();
            if (elapsed >= minSeconds && n >= 2 * WINDOW) {
                double recent = median(rounds.subList(n - WINDOW, n));
                double before = median(rounds.subList(n - 2 * WINDOW, n - WINDOW));
                if (Math.abs(recent - before) <= STEADY * before) {
                    return;
                }
            }
        }
    }

    private static double median(List<Double> values) {
        return LatencySummary.median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static final double SETTLE_SECONDS = 15;
    static final double SETTLE_CAP_SECONDS = 60;
    static final int WINDOW = 5;
    static final double STEADY = 0.02;

    /** The factor minimising the squared relative error of {@code scale · predicted} against measured. */
    static double fit(List<LatencyTable.Check> anchors) {
        double sum = 0;
        double squares = 0;
        for (LatencyTable.Check a : anchors) {
            double q = a.predictedMs() / a.measuredMs();
            sum += q;
            squares += q * q;
        }
        return squares > 0 ? sum / squares : 1.0;
    }

    @Override
    public double latencyMs(SparsityConfig config) {
        return scale * table.latencyMs(config);
    }

    /**
     * How much slower this process ran the anchors than the build's process did (1.1: 10% slower),
     * or NaN when either side has no anchors.
     */
    public double driftFromBuild() {
        if (anchors.isEmpty() || table.anchors().size() != anchors.size()) {
            return Double.NaN;
        }
        double log = 0;
        for (int k = 0; k < anchors.size(); k++) {
            log += Math.log(anchors.get(k).measuredMs() / table.anchors().get(k).measuredMs());
        }
        return Math.exp(log / anchors.size());
    }

    @Override
    public String description() {
        if (anchors.isEmpty()) {
            return table.description() + ", not re-anchored";
        }
        double drift = driftFromBuild();
        return table.description() + String.format(Locale.ROOT, ", re-anchored x%.4f by plain passes at uniform %s here"
                + "%s", scale, ratios(), Double.isNaN(drift) ? "" : String.format(Locale.ROOT,
                        " (this process ran them %.3fx as long as the build's)", drift));
    }

    private static String ratios() {
        StringBuilder out = new StringBuilder();
        for (double r : LatencyTable.ANCHOR_RATIOS) {
            out.append(out.length() == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.1f", r));
        }
        return out.toString();
    }
}
