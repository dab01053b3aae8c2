package org.sparsevit4j.profiler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.WindowGrid;

/**
 * Builds a {@link LatencyTable} by timing whole passes at the nine uniform ratios 0.0..0.8 with
 * their parts timed in place, round-robin over the ratios ({@link LatencyMeasurement}).
 *
 * <p>Each entry is a median over passes. Parts that do not depend on sparsity pool the passes of
 * every ratio, and the ranking pools those of every pruned ratio. Levels at which a block keeps
 * the same number of windows (4 windows keep 3 at both 0.1 and 0.2) run the same computation, so
 * their times are pooled as well.
 */
public final class LatencyTableBuilder {

    private static final int LEVELS = WindowGrid.MAX_LEVEL + 1;

    private LatencyTableBuilder() {
    }

    /**
     * Measures the table of {@code timer}'s model and input on the device it runs on.
     *
     * @param fingerprint the device fingerprint to record (of this process, on the timer's device)
     * @param progress receives a line per finished round of passes
     */
    public static LatencyTable build(ForwardTimer timer, MeasurementPlan plan, DeviceFingerprint fingerprint,
            Consumer<String> progress) {
        long start = System.nanoTime();
        ArchitectureSpec arch = timer.model().arch();
        List<SparsityConfig> configs = new ArrayList<>(LEVELS);
        List<List<Map<String, Double>>> samples = new ArrayList<>(LEVELS);
        for (int level = 0; level < LEVELS; level++) {
            configs.add(SparsityConfig.uniform(arch, level / 10.0));
            samples.add(new ArrayList<>());
        }
        PartTimer parts = new PartTimer(fingerprint.deviceType().equals("gpu"));
        List<Measured> totals = LatencyMeasurement.items(LEVELS, level -> {
            double ms = timer.passMs(configs.get(level), parts);
            samples.get(level).add(parts.parts());
            return ms;
        }, plan, progress);
        for (List<Map<String, Double>> level : samples) {
            level.subList(0, plan.warmup()).clear(); // LatencyMeasurement runs each item's warm-up first
        }

        Map<String, Double> dense = new LinkedHashMap<>();
        double[] rank = new double[arch.numStages()];
        double[][][] blocks = new double[arch.numStages()][][];
        for (String part : samples.get(0).get(0).keySet()) {
            if (!part.startsWith("block ")) {
                dense.put(part, pooledMedian(samples, part, 0));
            }
        }
        int[] windows = arch.stageSizes(timer.input().height(), timer.input().width()).stream()
                .mapToInt(size -> WindowGrid.numWindows(size.height(), size.width(), arch.windowSize()))
                .toArray();
        for (int s = 0; s < arch.numStages(); s++) {
            rank[s] = pooledMedian(samples, "rank " + s, 1);
            blocks[s] = new double[arch.depth(s)][];
            for (int b = 0; b < arch.depth(s); b++) {
                blocks[s][b] = blockTimes(samples, "block " + s + "." + b, windows[s]);
            }
        }
        LatencyTable draft = new LatencyTable(fingerprint, arch, timer.input(), plan, dense, rank, blocks, List.of(),
                0);
        List<LatencyTable.Check> checks = new ArrayList<>(LEVELS);
        for (int level = 0; level < LEVELS; level++) {
            Measured m = totals.get(level);
            checks.add(new LatencyTable.Check(level / 10.0, m.summary().medianMs(), draft.latencyMs(configs.get(level)),
                    m.noisy()));
        }
        return new LatencyTable(fingerprint, arch, timer.input(), plan, dense, rank, blocks, checks,
                (System.nanoTime() - start) / 1e9);
    }

    /** Median of a part over the passes of levels {@code fromLevel} and up; 0 for a part those passes never ran. */
    private static double pooledMedian(List<List<Map<String, Double>>> samples, String part, int fromLevel) {
        List<Double> values = new ArrayList<>();
        for (int level = fromLevel; level < LEVELS; level++) {
            for (Map<String, Double> pass : samples.get(level)) {
                Double v = pass.get(part);
                if (v != null) {
                    values.add(v);
                }
            }
        }
        return values.isEmpty() ? 0 : LatencySummary.median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** A block's median per level, levels with the same kept-window count pooled. */
    private static double[] blockTimes(List<List<Map<String, Double>>> samples, String part, int numWindows) {
        Map<Integer, List<Double>> byKept = new HashMap<>();
        for (int level = 0; level < LEVELS; level++) {
            List<Double> values = byKept.computeIfAbsent(kept(numWindows, level), k -> new ArrayList<>());
            samples.get(level).forEach(pass -> values.add(pass.get(part)));
        }
        double[] out = new double[LEVELS];
        for (int level = 0; level < LEVELS; level++) {
            out[level] = LatencySummary.median(byKept.get(kept(numWindows, level)).stream()
                    .mapToDouble(Double::doubleValue).toArray());
        }
        return out;
    }

    /** Kept windows at a level, with level 0 apart: the dense path does not gather, even where a level keeps all. */
    private static int kept(int numWindows, int level) {
        return level == 0 ? -1 : WindowGrid.keptWindows(numWindows, level);
    }
}
