package org.sparsevit4j.supernet.data;

/**
 * The parts of a dataset. {@link #SEARCH} is carved out of the training data (seeded, a settable
 * fraction, 10% by default) and {@link #TRAIN} excludes it, so that a sparsity search selects
 * configurations on images the reported metric ({@link #VAL}) never sees, and that training never
 * saw either.
 */
public enum Split {
    /** The training images minus the search split. */
    TRAIN,
    /** The held-out split whose metric is reported. */
    VAL,
    /** The split the sparsity search selects on; disjoint from both others. */
    SEARCH
}
