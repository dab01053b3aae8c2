package org.sparsevit4j.supernet.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.sparsevit4j.core.InvalidInputException;

/**
 * How the 8-bit values stored in a dataset's mask files become the class indices we train and score
 * on: a table of 256 entries, each a class index, the ignore index, or "unknown". A mask holding an
 * unknown value is bad data, not a pixel to guess about: each dataset ships a fixed set of values,
 * and anything else means a file from another dataset or another encoding (a colour mask, a
 * Cityscapes {@code labelTrainIds} file where {@code labelIds} were expected).
 */
final class LabelTable {

    /** A stored value the dataset does not define. */
    static final int UNKNOWN = -1;

    private final int[] mapped;
    private final int ignoreIndex;
    private final String rule;

    /**
     * @param mapped class index (or the ignore index) of each stored value 0..255; {@link #UNKNOWN}
     *     where the value is not one the dataset defines
     * @param ignoreIndex the class index of pixels that are not scored
     * @param rule what the stored values may be, completing "pixel (x, y) holds V, which is ..."
     */
    LabelTable(int[] mapped, int ignoreIndex, String rule) {
        Objects.requireNonNull(mapped, "mapped");
        if (mapped.length != 256) {
            throw new IllegalArgumentException("a label table has 256 entries, not " + mapped.length);
        }
        this.mapped = mapped.clone();
        this.ignoreIndex = ignoreIndex;
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    /** Stored value {@code i} is class {@code i} below {@code numClasses}; {@code ignoreIndex} is kept. */
    static LabelTable identity(int numClasses, int ignoreIndex, String rule) {
        int[] mapped = new int[256];
        Arrays.fill(mapped, UNKNOWN);
        for (int v = 0; v < numClasses; v++) {
            mapped[v] = v;
        }
        mapped[ignoreIndex] = ignoreIndex;
        return new LabelTable(mapped, ignoreIndex, rule);
    }

    /** The class index of pixels that are not scored. */
    int ignoreIndex() {
        return ignoreIndex;
    }

    /** The class index of stored value {@code value} (0..255), or {@link #UNKNOWN}. */
    int map(int value) {
        return mapped[value];
    }

    /**
     * Replaces each stored value of {@code mask} ({@code width} columns, row-major) by its class
     * index, in place.
     *
     * @throws InvalidInputException naming {@code file}, the first pixel holding an unknown value,
     *     the value and the rule
     */
    int[] apply(int[] mask, int width, Path file) {
        for (int p = 0; p < mask.length; p++) {
            int value = mask[p];
            int m = value >= 0 && value < 256 ? mapped[value] : UNKNOWN;
            if (m == UNKNOWN) {
                throw new InvalidInputException(file + ": pixel (x=" + p % width + ", y=" + p / width + ") holds "
                        + value + ", which is " + rule);
            }
            mask[p] = m;
        }
        return mask;
    }
}
