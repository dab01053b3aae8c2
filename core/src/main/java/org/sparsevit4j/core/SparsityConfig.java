package org.sparsevit4j.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One window-pruning ratio per block of a Swin backbone, a list per stage: the point the search
 * explores and the supernet runs. Ratios are stored as integer levels 0..8 (ratio = level / 10)
 * so that equality, hashing and the kept-window count are exact.
 *
 * <p>Within a stage the ratios never decrease: a later block keeps a subset of the windows an
 * earlier block kept, ranked once per stage. Indices in messages are 0-based, as in the reference
 * implementation's {@code pruning_ratios} lists.
 */
public final class SparsityConfig {

    static final String ALLOWED = "0.0, 0.1, ..., 0.8";
    private static final double TOLERANCE = 1e-9;

    private final int[][] levels;

    private SparsityConfig(int[][] levels) {
        this.levels = levels;
    }

    /** A config from levels ({@code levels[stage][block]} in 0..8, non-decreasing per stage). */
    public static SparsityConfig ofLevels(int[][] levels) {
        Objects.requireNonNull(levels, "levels");
        requireStages(levels.length);
        int[][] copy = new int[levels.length][];
        for (int s = 0; s < levels.length; s++) {
            if (levels[s] == null || levels[s].length == 0) {
                throw new InvalidInputException("stage " + s + " has no ratios; every stage needs one per block");
            }
            copy[s] = levels[s].clone();
            for (int b = 0; b < copy[s].length; b++) {
                int level = copy[s][b];
                if (level < 0 || level > WindowGrid.MAX_LEVEL) {
                    throw new InvalidInputException("stage " + s + " block " + b + ": level " + level
                            + " is not one of 0, 1, ..., " + WindowGrid.MAX_LEVEL + " (ratio = level/10)");
                }
                requireNotBelowPrevious(copy[s], s, b);
            }
        }
        return new SparsityConfig(copy);
    }

    /**
     * A config from ratios ({@code ratios.get(stage).get(block)}), the shape of the reference's
     * {@code pruning_ratios}. Each ratio must be one of 0.0, 0.1, ..., 0.8 (within 1e-9, so values
     * written as {@code 0.3} or computed as {@code 3 * 0.1} both pass) and must not decrease within
     * a stage.
     */
    public static SparsityConfig ofRatios(List<List<Double>> ratios) {
        Objects.requireNonNull(ratios, "ratios");
        requireStages(ratios.size());
        int[][] levels = new int[ratios.size()][];
        for (int s = 0; s < ratios.size(); s++) {
            List<Double> stage = ratios.get(s);
            if (stage == null || stage.isEmpty()) {
                throw new InvalidInputException("stage " + s + " has no ratios; every stage needs one per block");
            }
            levels[s] = new int[stage.size()];
            for (int b = 0; b < stage.size(); b++) {
                levels[s][b] = toLevel(stage.get(b), "stage " + s + " block " + b + ": ");
                requireNotBelowPrevious(levels[s], s, b);
            }
        }
        return new SparsityConfig(levels);
    }

    /** Every ratio 0: the plain Swin Transformer. */
    public static SparsityConfig dense(ArchitectureSpec arch) {
        return filled(arch, 0);
    }

    /** The same ratio for every block of {@code arch}. */
    public static SparsityConfig uniform(ArchitectureSpec arch, double ratio) {
        return filled(arch, toLevel(ratio, ""));
    }

    public int numStages() {
        return levels.length;
    }

    public int depth(int stage) {
        return levels[Objects.checkIndex(stage, levels.length)].length;
    }

    /** Sparsity level 0..8 of a block; its ratio is {@code level / 10}. */
    public int level(int stage, int block) {
        int[] blocks = levels[Objects.checkIndex(stage, levels.length)];
        return blocks[Objects.checkIndex(block, blocks.length)];
    }

    public double ratio(int stage, int block) {
        return level(stage, block) / 10.0;
    }

    /** The ratios as immutable lists, the shape of the reference's {@code pruning_ratios}. */
    public List<List<Double>> ratios() {
        List<List<Double>> out = new ArrayList<>(levels.length);
        for (int[] stage : levels) {
            out.add(Arrays.stream(stage).mapToObj(l -> l / 10.0).toList());
        }
        return List.copyOf(out);
    }

    public boolean isDense() {
        return Arrays.stream(levels).flatMapToInt(Arrays::stream).allMatch(l -> l == 0);
    }

    /**
     * The first block of {@code stage} with a ratio above 0, or -1 if the stage is dense: the
     * block at whose input the stage's window importance is computed.
     */
    public int firstPrunedBlock(int stage) {
        int[] blocks = levels[Objects.checkIndex(stage, levels.length)];
        for (int b = 0; b < blocks.length; b++) {
            if (blocks[b] > 0) {
                return b;
            }
        }
        return -1;
    }

    /** Rejects a config whose stages or blocks per stage differ from {@code arch}'s. */
    public void requireMatches(ArchitectureSpec arch) {
        if (levels.length != arch.numStages()) {
            throw new InvalidInputException("config has " + levels.length + " stages but "
                    + arch.name() + " has " + arch.numStages());
        }
        for (int s = 0; s < levels.length; s++) {
            if (levels[s].length != arch.depth(s)) {
                throw new InvalidInputException("stage " + s + " has " + levels[s].length
                        + " ratios but " + arch.name() + " has " + arch.depth(s) + " blocks there");
            }
        }
    }

    /** One-line form, e.g. {@code [[0.3,0.3],[0,0],[0.1,0.1,0.2,0.2,0.2,0.2],[0,0]]}. */
    public String compact() {
        StringBuilder sb = new StringBuilder("[");
        for (int s = 0; s < levels.length; s++) {
            sb.append(s == 0 ? "[" : ",[");
            for (int b = 0; b < levels[s].length; b++) {
                sb.append(b == 0 ? "" : ",").append(format(levels[s][b]));
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }

    /** {@code level / 10} as the shortest decimal: {@code 0}, {@code 0.1}, ..., {@code 0.8}. */
    public static String format(int level) {
        return level == 0 ? "0" : "0." + level;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparsityConfig other && Arrays.deepEquals(levels, other.levels);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(levels);
    }

    @Override
    public String toString() {
        return "SparsityConfig" + compact();
    }

    private static SparsityConfig filled(ArchitectureSpec arch, int level) {
        int[][] levels = new int[arch.numStages()][];
        for (int s = 0; s < levels.length; s++) {
            levels[s] = new int[arch.depth(s)];
            Arrays.fill(levels[s], level);
        }
        return new SparsityConfig(levels);
    }

    private static void requireStages(int count) {
        if (count == 0) {
            throw new InvalidInputException("config has no stages; it needs one list of ratios per stage");
        }
    }

    private static int toLevel(Double ratio, String where) {
        if (ratio == null) {
            throw new InvalidInputException(where + "ratio is null; it must be one of " + ALLOWED);
        }
        long level = Math.round(ratio * 10);
        // NaN fails the comparison and infinities round far out of range: both are rejected here.
        if (!(Math.abs(ratio - level / 10.0) <= TOLERANCE) || level < 0 || level > WindowGrid.MAX_LEVEL) {
            throw new InvalidInputException(where + "ratio " + ratio + " is not one of " + ALLOWED);
        }
        return (int) level;
    }

    private static void requireNotBelowPrevious(int[] stage, int s, int b) {
        if (b > 0 && stage[b] < stage[b - 1]) {
            throw new InvalidInputException("stage " + s + " block " + b + ": ratio " + format(stage[b])
                    + " is below the previous " + format(stage[b - 1])
                    + "; ratios must not decrease within a stage");
        }
    }
}
