package org.sparsevit4j.supernet.data;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A dataset with its three splits, from which single samples are decoded and transformed on
 * demand. Implementations are immutable after construction apart from their record of skipped
 * files, and {@link #load} may be called from many threads at once.
 */
public interface SampleSource {

    /** Classification or segmentation. */
    Task task();

    /** Classes a target can hold: object classes for classification, background included for segmentation. */
    int numClasses();

    /** One name per class, in class-index order. */
    List<String> classNames();

    /** The mask value of pixels that are not scored (padding included). */
    int ignoreIndex();

    /** Samples in {@code split}. */
    int size(Split split);

    /**
     * Decodes sample {@code index} of {@code split} and applies {@code transform}, drawing its
     * augmentation from {@code augmentSeed} alone: the same arguments give the same sample, on any
     * thread. Bad data throws an {@link org.sparsevit4j.core.InvalidInputException} naming the
     * file, unless the source skips bad files (see the implementation for which sample it returns
     * instead).
     *
     * @throws IndexOutOfBoundsException if {@code index} is not below {@code size(split)}
     */
    Sample load(Split split, int index, Transform transform, long augmentSeed);

    /**
     * A string that changes whenever the samples of any split could change (the data, the seed, the
     * search fraction, the generator version), for caches of results computed on this source.
     */
    String identity();

    /** A one-line description for logs. */
    String describe();

    /** A name of sample {@code index} of {@code split} for logs and errors: a file, or split and index. */
    default String sampleName(Split split, int index) {
        return split.name().toLowerCase(Locale.ROOT) + "#" + index;
    }

    /** Samples skipped as bad so far (at open time and during decoding). */
    default int skipped() {
        return 0;
    }

    /** The files skipped so far, sorted. */
    default List<String> skippedFiles() {
        return List.of();
    }

    /** Why each skipped file was skipped, by file, sorted. */
    default Map<String, String> skipReasons() {
        return Map.of();
    }
}
