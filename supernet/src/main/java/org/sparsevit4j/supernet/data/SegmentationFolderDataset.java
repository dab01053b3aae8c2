package org.sparsevit4j.supernet.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Semantic segmentation folders: {@code ROOT/{train,val}/images/NAME.png|jpg|jpeg}, each with a
 * mask {@code ROOT/{train,val}/masks/NAME.png}, and {@code ROOT/classes.json}
 * ({@link SegmentationClasses}). A mask is a single-channel PNG of at most 8 bits, grey or palette,
 * whose pixel values are class indices (palette indices, not colours), the ignore index marking
 * pixels that are not scored; any other value is bad data. Checks and the policy for bad files are
 * {@link MaskedFolderDataset}'s. Masks without an image are ignored; two images with the same
 * name and different endings are an error, since a mask could not tell which it belongs to.
 */
public final class SegmentationFolderDataset extends MaskedFolderDataset {

    /** Opens {@code root}; fails with a message naming the folder or file at fault. */
    public SegmentationFolderDataset(Path root, DatasetOptions options) {
        super(root, options);
        Path classesFile = this.root.resolve(SegmentationClasses.FILE_NAME);
        SegmentationClasses classes = SegmentationClasses.read(classesFile);
        FolderFingerprint fingerprint = new FolderFingerprint(this.root);
        fingerprint.add(classesFile);
        Path trainDir = this.root.resolve("train");
        Path valDir = this.root.resolve("val");
        List<FolderItem> pool = items(trainDir, fingerprint);
        List<FolderItem> val = items(valDir, fingerprint);
        int n = classes.classes().size();
        int ignore = classes.ignoreIndex();
        open(classes.classes(), LabelTable.identity(n, ignore, "neither a class index below " + n
                + " nor the ignore index " + ignore), trainDir, pool, valDir, val, "segmentation-folder", fingerprint);
    }

    private static List<FolderItem> items(Path splitDir, FolderFingerprint fingerprint) {
        FolderScan.requireFolder(splitDir);
        return pairByName(splitDir.resolve("images"), splitDir.resolve("masks"), fingerprint);
    }

    @Override
    public String describe() {
        return describe("segmentation folder");
    }
}
