package org.sparsevit4j.supernet.data;

import java.nio.file.Path;
import java.util.List;

/**
 * ADE20K SceneParsing as it ships ({@code ADEChallengeData2016.zip} unpacked; ROOT is the
 * {@code ADEChallengeData2016} folder): {@code ROOT/images/{training,validation}/NAME.jpg}, each
 * with {@code ROOT/annotations/{training,validation}/NAME.png}. Annotation 0 ("other") is ignored
 * and 1..150 become classes 0..149 ({@link Ade20kLabels}). {@code training} is our training pool
 * (the search split is carved from it) and {@code validation} our val. Checks and the policy for
 * bad files are {@link MaskedFolderDataset}'s.
 */
public final class Ade20kDataset extends MaskedFolderDataset {

    static final String IMAGES = "images";
    static final String ANNOTATIONS = "annotations";
    static final String TRAINING = "training";
    static final String VALIDATION = "validation";

    /** Opens {@code root}; fails with a message naming the folder or file at fault. */
    public Ade20kDataset(Path root, DatasetOptions options) {
        super(root, options);
        FolderFingerprint fingerprint = new FolderFingerprint(this.root);
        List<FolderItem> pool = items(TRAINING, fingerprint);
        List<FolderItem> val = items(VALIDATION, fingerprint);
        open(Ade20kLabels.classNames(), Ade20kLabels.table(), this.root.resolve(IMAGES).resolve(TRAINING), pool,
                this.root.resolve(IMAGES).resolve(VALIDATION), val, "ade20k", fingerprint);
    }

    private List<FolderItem> items(String split, FolderFingerprint fingerprint) {
        return pairByName(root.resolve(IMAGES).resolve(split), root.resolve(ANNOTATIONS).resolve(split), fingerprint);
    }

    @Override
    public String describe() {
        return describe("ADE20K");
    }
}
