package org.sparsevit4j.results;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.WindowGrid;
import org.sparsevit4j.core.WindowGeometry;

/**
 * What one panel of the window picture shows: the windows of one partition of a stage, and for
 * each, how many of the stage's blocks of that partition run it.
 *
 * <p>The rule: a panel shows the regular (unshifted) partition, unless no regular block of the
 * stage prunes while a shifted one does; then it shows the shifted partition, whose windows are
 * the ones those blocks skip. A block at ratio 0 runs every window; a pruned block runs the windows
 * it keeps. Within a partition the kept sets are nested, so a window run by {@code n} of the
 * partition's blocks is one the {@code n} least pruned of them keep.
 *
 * @param stage the stage
 * @param geometry where its windows lie
 * @param shifted whether {@code runs} counts windows of the shifted partition
 * @param levels the pruning level of every block of the stage
 * @param blocks how many of the stage's blocks belong to the partition shown
 * @param runs per window of that partition, how many of them run it (0..blocks)
 */
public record StagePanel(int stage, WindowGeometry geometry, boolean shifted, int[] levels, int blocks, int[] runs) {

    public StagePanel {
        levels = levels.clone();
        runs = runs.clone();
        if (runs.length != geometry.numWindows()) {
            throw new IllegalArgumentException("stage " + stage + ": " + runs.length + " window counts for "
                    + geometry.numWindows() + " windows");
        }
    }

    /**
     * The panel of a stage from the windows its pruned blocks kept.
     *
     * @param levels pruning level of each block of the stage
     * @param keptByBlock for each block that ran on a subset of its windows, their indices in its partition
     * @throws IllegalStateException if a block kept another number of windows than its level allows,
     *     or windows the partition does not have (the geometry does not match the model's)
     */
    public static StagePanel of(int stage, WindowGeometry geometry, int[] levels, Map<Integer, long[]> keptByBlock) {
        boolean regularPrunes = false;
        boolean shiftedPrunes = false;
        for (int b = 0; b < levels.length; b++) {
            regularPrunes |= levels[b] > 0 && !shifted(b, geometry);
            shiftedPrunes |= levels[b] > 0 && shifted(b, geometry);
        }
        boolean showShifted = shiftedPrunes && !regularPrunes;
        int numWindows = geometry.numWindows();
        int[] runs = new int[numWindows];
        int blocks = 0;
        for (int b = 0; b < levels.length; b++) {
            if (shifted(b, geometry) != showShifted) {
                continue;
            }
            blocks++;
            if (levels[b] == 0) {
                for (int w = 0; w < numWindows; w++) {
                    runs[w]++;
                }
                continue;
            }
            // a block whose level keeps no window is never reported: it runs none
            long[] kept = keptByBlock.getOrDefault(b, new long[0]);
            int expected = WindowGrid.keptWindows(numWindows, levels[b]);
            if (kept.length != expected) {
                throw new IllegalStateException("stage " + stage + " block " + b + " kept " + kept.length + " of "
                        + numWindows + " windows; its ratio keeps " + expected);
            }
            for (long w : kept) {
                if (w < 0 || w >= numWindows) {
                    throw new IllegalStateException("stage " + stage + " block " + b + " kept window " + w + " of "
                            + numWindows);
                }
                runs[(int) w]++;
            }
        }
        return new StagePanel(stage, geometry, showShifted, levels, blocks, runs);
    }

    /** Whether block {@code b} of a stage runs on the shifted partition (odd blocks, where the map shifts at all). */
    private static boolean shifted(int b, WindowGeometry geometry) {
        return b % 2 == 1 && geometry.shifts();
    }

    /** Windows run by at least one block of the partition shown. */
    public int kept() {
        return (int) Arrays.stream(runs).filter(n -> n > 0).count();
    }

    /** Windows run by every block of the partition shown. */
    public int keptByAll() {
        return (int) Arrays.stream(runs).filter(n -> n == blocks).count();
    }

    /** How much of the panel's treatment window {@code w} gets: 1 run by every block, 0 pruned by every block. */
    public double runFraction(int w) {
        return (double) runs[w] / blocks;
    }

    /** The line printed for the stage, e.g. {@code stage 2: 13/16 windows kept, 10 by all 3 regular blocks (ratios 0.1x2 0.2x4)}. */
    public String summary() {
        return keptLine() + (graded() ? ", " + keptByAll() + " by all " + blocks + (shifted ? " shifted" : " regular")
                + " blocks" : "") + " (" + ratios() + ")";
    }

    /** The panel's two title lines: what is kept, then the ratios (and how many windows every block runs). */
    public List<String> title() {
        return List.of(keptLine(), ratios() + (graded() ? ", " + keptByAll() + " by all " + blocks + " blocks" : ""));
    }

    private String keptLine() {
        return "stage " + stage + ": " + kept() + "/" + geometry.numWindows() + (shifted ? " shifted" : "")
                + " windows kept";
    }

    /** Whether some windows are run by some but not all blocks of the partition. */
    private boolean graded() {
        return keptByAll() != kept();
    }

    /** The stage's ratios, runs of equal ones folded: {@code ratios 0.1x2 0.2x4}, or {@code dense}. */
    public String ratios() {
        if (Arrays.stream(levels).allMatch(l -> l == 0)) {
            return "dense";
        }
        StringBuilder sb = new StringBuilder("ratios");
        for (int b = 0; b < levels.length;) {
            int end = b;
            while (end < levels.length && levels[end] == levels[b]) {
                end++;
            }
            sb.append(' ').append(SparsityConfig.format(levels[b]));
            if (end - b > 1) {
                sb.append('x').append(end - b);
            }
            b = end;
        }
        return sb.toString();
    }
}
