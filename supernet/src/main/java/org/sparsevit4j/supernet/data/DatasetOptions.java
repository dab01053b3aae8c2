package org.sparsevit4j.supernet.data;

import java.util.Objects;
import org.sparsevit4j.core.InvalidInputException;

/**
 * Settings shared by every dataset: the seed of the search split (and of the synthetic scenes),
 * the search split's share of the training pool, whether bad files are skipped, and the kind and
 * size of the built-in synthetic dataset.
 *
 * @param seed seed of the search split and of the synthetic scenes
 * @param searchFraction share of the training pool carved out as {@link Split#SEARCH}, in [0, 1)
 * @param skipBad skip and count bad files instead of failing on the first one
 * @param syntheticHeight native rows of a synthetic scene (at least {@value #MIN_SYNTHETIC_SIDE})
 * @param syntheticWidth native columns of a synthetic scene
 * @param syntheticTrain synthetic training pool: {@link Split#TRAIN} plus {@link Split#SEARCH}
 * @param syntheticVal synthetic validation images
 * @param synthetic which built-in scenes: the benchmark or the easy ones
 */
public record DatasetOptions(
        long seed,
        double searchFraction,
        boolean skipBad,
        int syntheticHeight,
        int syntheticWidth,
        int syntheticTrain,
        int syntheticVal,
        SyntheticKind synthetic) {

    public static final double DEFAULT_SEARCH_FRACTION = 0.10;
    public static final int DEFAULT_SYNTHETIC_SIDE = 224;
    public static final int DEFAULT_SYNTHETIC_TRAIN = 2000;
    public static final int DEFAULT_SYNTHETIC_VAL = 200;
    /** Scenes smaller than this would have objects only a few pixels wide. */
    public static final int MIN_SYNTHETIC_SIDE = 32;
    /** Keeps one scene's pixels within one Java array. */
    public static final int MAX_SYNTHETIC_SIDE = 16384;

    public DatasetOptions {
        Objects.requireNonNull(synthetic, "synthetic");
        if (!(searchFraction >= 0 && searchFraction < 1)) {
            throw new InvalidInputException("search fraction " + searchFraction + " must be in [0, 1)");
        }
        side("synthetic height", syntheticHeight);
        side("synthetic width", syntheticWidth);
        if (syntheticTrain < 1) {
            throw new InvalidInputException("synthetic train size " + syntheticTrain + " must be at least 1");
        }
        if (syntheticVal < 1) {
            throw new InvalidInputException("synthetic val size " + syntheticVal + " must be at least 1");
        }
    }

    /**
     * Options from before the built-in data had a kind: the easy scenes, which were the only ones (old
     * checkpoints record these seven fields).
     */
    public DatasetOptions(long seed, double searchFraction, boolean skipBad, int syntheticHeight, int syntheticWidth,
            int syntheticTrain, int syntheticVal) {
        this(seed, searchFraction, skipBad, syntheticHeight, syntheticWidth, syntheticTrain, syntheticVal,
                SyntheticKind.EASY);
    }

    /** Seed 0, search 10%, no skipping, the benchmark's 224x224 scenes, 2000 train (search included) and 200 val. */
    public static DatasetOptions defaults() {
        return new DatasetOptions(0L, DEFAULT_SEARCH_FRACTION, false, DEFAULT_SYNTHETIC_SIDE, DEFAULT_SYNTHETIC_SIDE,
                DEFAULT_SYNTHETIC_TRAIN, DEFAULT_SYNTHETIC_VAL, SyntheticKind.BENCHMARK);
    }

    public DatasetOptions withSeed(long value) {
        return new DatasetOptions(value, searchFraction, skipBad, syntheticHeight, syntheticWidth, syntheticTrain,
                syntheticVal, synthetic);
    }

    public DatasetOptions withSearchFraction(double value) {
        return new DatasetOptions(seed, value,
                skipBad, syntheticHeight, syntheticWidth, syntheticTrain, syntheticVal, synthetic);
    }

    public DatasetOptions withSkipBad(boolean value) {
        return new DatasetOptions(seed, searchFraction, value, syntheticHeight, syntheticWidth, syntheticTrain,
                syntheticVal, synthetic);
    }

    public DatasetOptions withSyntheticHeight(int value) {
        return new DatasetOptions(seed, searchFraction, skipBad,
                value, syntheticWidth, syntheticTrain, syntheticVal, synthetic);
    }

    public DatasetOptions withSyntheticWidth(int value) {
        return new DatasetOptions(seed, searchFraction, skipBad,
                syntheticHeight, value, syntheticTrain, syntheticVal, synthetic);
    }

    /** Both sides of the synthetic scenes at once. */
    public DatasetOptions withSyntheticSize(int height, int width) {
        return new DatasetOptions(seed, searchFraction, skipBad, height, width, syntheticTrain, syntheticVal, synthetic);
    }

    public DatasetOptions withSyntheticTrain(int value) {
        return new DatasetOptions(seed, searchFraction, skipBad,
                syntheticHeight, syntheticWidth, value, syntheticVal, synthetic);
    }

    public DatasetOptions withSyntheticVal(int value) {
        return new DatasetOptions(seed, searchFraction, skipBad,
                syntheticHeight, syntheticWidth, syntheticTrain, value, synthetic);
    }

    public DatasetOptions withSynthetic(SyntheticKind value) {
        return new DatasetOptions(seed, searchFraction, skipBad, syntheticHeight, syntheticWidth, syntheticTrain,
                syntheticVal, value);
    }

    private static void side(String name, int value) {
        if (value < MIN_SYNTHETIC_SIDE || value > MAX_SYNTHETIC_SIDE) {
            throw new InvalidInputException(name + " " + value + " must be in [" + MIN_SYNTHETIC_SIDE + ", "
                    + MAX_SYNTHETIC_SIDE + "]");
        }
    }
}
