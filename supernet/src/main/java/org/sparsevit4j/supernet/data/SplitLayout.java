package org.sparsevit4j.supernet.data;

import java.util.Arrays;
import java.util.Objects;
import org.sparsevit4j.core.InvalidInputException;

/**
 * Which item of the training pool or of the validation set each index of each split is.
 *
 * <p>The search split is the first {@code round(fraction · pool)} items of a permutation of the
 * training pool seeded by {@code seed} (at least one item when the fraction is positive), and
 * {@link Split#TRAIN} is the rest; both list their items in pool order, so a folder's train split
 * reads in file order. {@link Split#VAL} is the validation set, untouched.
 */
final class SplitLayout {

    private final int[] train;
    private final int[] search;
    private final int valSize;

    SplitLayout(int poolSize, int valSize, double searchFraction, long seed, String poolName) {
        if (!(searchFraction >= 0 && searchFraction < 1)) {
            throw new InvalidInputException("search fraction " + searchFraction + " must be in [0, 1)");
        }
        int searchSize = (int) Math.round(searchFraction * poolSize);
        if (searchFraction > 0 && searchSize == 0 && poolSize > 1) {
            searchSize = 1;
        }
        if (searchSize >= poolSize) {
            throw new InvalidInputException(poolName + ": a search fraction of " + searchFraction + " of its "
                    + poolSize + " training samples leaves none to train on");
        }
        int[] order = SeededPermutation.of(poolSize, Seeds.derive(seed, Seeds.SEARCH_SPLIT));
        this.search = Arrays.copyOfRange(order, 0, searchSize);
        this.train = Arrays.copyOfRange(order, searchSize, poolSize);
        Arrays.sort(search);
        Arrays.sort(train);
        this.valSize = valSize;
    }

    int size(Split split) {
        return switch (Objects.requireNonNull(split, "split")) {
            case TRAIN -> train.length;
            case SEARCH -> search.length;
            case VAL -> valSize;
        };
    }

    /** The pool index of a train or search index, or the validation index itself. */
    int itemOf(Split split, int index) {
        Objects.checkIndex(index, size(split));
        return switch (split) {
            case TRAIN -> train[index];
            case SEARCH -> search[index];
            case VAL -> index;
        };
    }
}
