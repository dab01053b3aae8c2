package org.sparsevit4j.supernet.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the folder datasets share: the root, the {@link FolderIndex} of their files (splits,
 * skipped files) and the identity that keys cached results. A subclass scans its own layout in its
 * constructor and hands the index over with {@link #open} before anything else is asked of it.
 */
abstract class FolderDataset implements SampleSource {

    protected final Path root;
    protected final DatasetOptions options;
    private FolderIndex index;
    private String identity;

    /** Checks that {@code root} is a folder and keeps it, absolute and normalized. */
    FolderDataset(Path root, DatasetOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        FolderScan.requireFolder(this.root);
    }

    /**
     * Takes the scanned index; the identity names the layout ({@code kind}), the root, the
     * files' fingerprint and the options that change the splits.
     */
    protected final void open(FolderIndex scanned, String kind, FolderFingerprint fingerprint) {
        this.index = scanned;
        this.identity = kind + " root=" + root + " files=" + fingerprint.digest() + " search="
                + options.searchFraction() + " seed=" + options.seed() + " skip-bad=" + options.skipBad();
    }

    protected final FolderIndex index() {
        return index;
    }

    /** The dataset's folder, absolute. */
    public Path root() {
        return root;
    }

    @Override
    public int size(Split split) {
        return index.size(split);
    }

    @Override
    public String sampleName(Split split, int i) {
        return index.item(split, i).image().toString();
    }

    @Override
    public String identity() {
        return identity;
    }

    /** {@code train N / search N / val N}, and the skipped count when bad files are skipped. */
    protected final String splitSummary() {
        return "train " + size(Split.TRAIN) + " / search " + size(Split.SEARCH) + " / val " + size(Split.VAL)
                + (options.skipBad() ? ", " + skipped() + " skipped" : "");
    }

    @Override
    public int skipped() {
        return index.skipLog().count();
    }

    @Override
    public List<String> skippedFiles() {
        return index.skipLog().files();
    }

    @Override
    public Map<String, String> skipReasons() {
        return index.skipLog().reasons();
    }
}
