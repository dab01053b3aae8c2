package org.sparsevit4j.profiler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.WindowGrid;

/**
 * Builds a {@link LatencyTable} by timing whole passes with their parts timed in place,
 * round-robin ({@link LatencyMeasurement}): the nine uniform ratios 0.0..0.8, which give every
 * block every level, and random configurations like those the search draws (a ratio per pair,
 * sorted within the stage), seeded.
 *
 * <p>The sums of parts are then fitted to whole passes ({@link LatencyTable.Calibration}): on a GPU,
 * where every part ends with a synchronisation, to plain passes of the same configurations timed
 * round-robin. At the end, plain passes of the {@linkplain LatencyTable#ANCHOR_RATIOS anchor
 * configurations} record the build's absolute level, which a process using the table compares
 * with its own ({@link CalibratedTable}).
 *
 * <p>Why both: the sum of parts timed in uniform passes alone predicted mixed configurations a
 * few percent low on this project's machine (a block costs a little more after a block that kept
 * other windows than after one like itself), so each entry pools the passes of every context in
 * which it ran. Each entry is a median over those passes: a block at a level over every pass in
 * which it ran at a level keeping as many windows (4 windows keep 3 at both 0.1 and 0.2, the same
 * computation), the ranking of a stage over every pass in which the stage pruned, the parts that
 * do not depend on sparsity over every pass.
 */
public final class LatencyTableBuilder {

    /** Random configurations timed besides the uniform ones, unless the caller says otherwise. */
    public static final int DEFAULT_RANDOM_CONTEXTS = 27;
    private static final long CONTEXT_SEED = 0x5EED_7AB1EL;
    private static final int LEVELS = WindowGrid.MAX_LEVEL + 1;

    private LatencyTableBuilder() {
    }

    /** A pass's configuration and the milliseconds of its parts. */
    private record Pass(SparsityConfig config, Map<String, Double> parts) {
    }

    /**
     * Measures the table of {@code timer}'s model and input on the device it runs on.
     *
     * @param randomContexts random configurations to time besides the nine uniform ones
     * @param fingerprint the device fingerprint to record (of this process, on the timer's device)
     * @param progress receives a line per finished round of passes
     */
    public static LatencyTable build(ForwardTimer timer, MeasurementPlan plan, int randomContexts,
            DeviceFingerprint fingerprint, Consumer<String> progress) {
        if (randomContexts < 0) {
            throw new InvalidInputException("--contexts " + randomContexts
                    + " must not be negative");
        }
        long start = System.nanoTime();
        ArchitectureSpec arch = timer.model().arch();
        List<SparsityConfig> configs = new ArrayList<>();
        for (int level = 0; level < LEVELS; level++) {
            configs.add(SparsityConfig.uniform(arch, level / 10.0));
        }
        configs.addAll(RandomConfigs.draw(arch, randomContexts, CONTEXT_SEED));
        List<List<Pass>> byConfig = new ArrayList<>();
        configs.forEach(c -> byConfig.add(new ArrayList<>()));
        PartTimer timing = new PartTimer(fingerprint.deviceType().equals("gpu"));
        List<Measured> totals = LatencyMeasurement.items(configs.size(), k -> {
            double ms = timer.passMs(configs.get(k), timing);
            byConfig.get(k).add(new Pass(configs.get(k), timing.parts()));
            return ms;
        }, plan, progress);
        List<Pass> passes = new ArrayList<>();
        for (List<Pass> config : byConfig) {
            passes.addAll(config.subList(plan.warmup(), config.size())); // each item's warm-up comes first
        }

        Map<String, Double> dense = new LinkedHashMap<>();
        for (String part : passes.get(0).parts().keySet()) {
            if (!part.startsWith("block ") && !part.startsWith("rank ")) {
                dense.put(part, median(passes, part, p -> true));
            }
        }
        int[] windows = arch.windowsPerStage(timer.input().height(), timer.input().width());
        double[] rank = new double[arch.numStages()];
        double[][][] blocks = new double[arch.numStages()][][];
        for (int s = 0; s < arch.numStages(); s++) {
            int stage = s;
            rank[s] = median(passes, "rank " + s, p -> p.config().firstPrunedBlock(stage) >= 0);
            blocks[s] = new double[arch.depth(s)][LEVELS];
            for (int b = 0; b < arch.depth(s); b++) {
                int block = b;
                for (int level = 0; level < LEVELS; level++) {
                    int kept = kept(windows[s], level);
                    blocks[s][b][level] = median(passes, "block " + s + "." + b,
                            p -> kept(windows[stage], p.config().level(stage, block)) == kept);
                }
            }
        }
        LatencyTable sums = new LatencyTable(fingerprint, arch, timer.head(), timer.input(), plan, randomContexts,
                dense, rank, blocks, LatencyTable.Calibration.NONE, List.of(), List.of(), 0);
        // the whole passes the sums are fitted to: plain passes where parts are synchronised, else the
        // part-timed passes themselves (their parts partition them)
        boolean plain = timing.synchronizes();
        List<Measured> whole = plain ? LatencyMeasurement.configurations(timer, configs, plan,
                line -> progress.accept("plain passes, " + line)) : totals;
        double[] sum = new double[configs.size()];
        double[] pass = new double[configs.size()];
        for (int k = 0; k < configs.size(); k++) {
            sum[k] = sums.partSumMs(configs.get(k));
            pass[k] = whole.get(k).summary().medianMs();
        }
        LatencyTable.Calibration calibration = fit(sum, pass, plain);
        LatencyTable draft = new LatencyTable(fingerprint, arch, timer.head(), timer.input(), plan, randomContexts,
                dense, rank, blocks, calibration, List.of(), List.of(), 0);
        List<LatencyTable.Check> checks = new ArrayList<>(LEVELS);
        for (int level = 0; level < LEVELS; level++) {
            Measured m = whole.get(level);
            checks.add(new LatencyTable.Check(level / 10.0, m.summary().medianMs(), draft.latencyMs(configs.get(level)),
                    m.noisy()));
        }
        progress.accept("anchors");
        List<LatencyTable.Check> anchors = CalibratedTable.measureAnchors(draft, timer, plan).anchors();
        return new LatencyTable(fingerprint, arch, timer.head(), timer.input(), plan, randomContexts, dense, rank,
                blocks, calibration, checks, anchors, (System.nanoTime() - start) / 1e9);
    }

    /**
     * The line {@code pass = a + b · sum} minimising the squared relative error over the configurations
     * (weighted least squares, weights 1/pass²); a line through the origin when the sums do not
     * spread enough to fit two parameters, and none when even that fails.
     */
    static LatencyTable.Calibration fit(double[] sum, double[] pass, boolean plain) {
        double sw = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int k = 0; k < sum.length; k++) {
            double w = 1 / (pass[k] * pass[k]);
            sw += w;
            sx += w * sum[k];
            sy += w * pass[k];
            sxx += w * sum[k] * sum[k];
            sxy += w * sum[k] * pass[k];
        }
        double det = sw * sxx - sx * sx;
        if (sum.length >= 3 && det > 1e-12 * sw * sxx) {
            double slope = (sw * sxy - sx * sy) / det;
            double offset = (sy - slope * sx) / sw;
            if (slope > 0 && Double.isFinite(offset)) {
                return new LatencyTable.Calibration(offset, slope, sum.length, plain);
            }
        }
        return sxx > 0 ? new LatencyTable.Calibration(0, sxy / sxx, sum.length, plain) : LatencyTable.Calibration.NONE;
    }

    /** Median of a part over the passes {@code where} selects; 0 for a part those passes never ran. */
    private static double median(List<Pass> passes, String part, Predicate<Pass> where) {
        double[] values = passes.stream().filter(where).map(p -> p.parts().get(part)).filter(v -> v != null)
                .mapToDouble(Double::doubleValue).toArray();
        return values.length == 0 ? 0 : LatencySummary.median(values);
    }

    /** Kept windows at a level, with level 0 apart: the dense path does not gather, even where a level keeps all. */
    private static int kept(int numWindows, int level) {
        return level == 0 ? -1 : WindowGrid.keptWindows(numWindows, level);
    }
}
