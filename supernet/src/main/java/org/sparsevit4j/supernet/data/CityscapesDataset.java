package org.sparsevit4j.supernet.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sparsevit4j.core.InvalidInputException;

/**
 * Cityscapes as it ships ({@code leftImg8bit_trainvaltest.zip} and {@code gtFine_trainvaltest.zip}
 * unpacked into one folder):
 * {@code ROOT/leftImg8bit/{train,val}/CITY/NAME_leftImg8bit.png}, each with the fine annotation
 * {@code ROOT/gtFine/{train,val}/CITY/NAME_gtFine_labelIds.png}. The label ids become the 19 train
 * ids of {@link CityscapesLabels}, every other id ignored (255). Cityscapes' {@code train} is our
 * training pool (the search split is carved from it) and its {@code val} our val; {@code test} has
 * no public labels and is not read. Checks and the policy for bad files are
 * {@link MaskedFolderDataset}'s.
 */
public final class CityscapesDataset extends MaskedFolderDataset {

    static final String IMAGES = "leftImg8bit";
    static final String ANNOTATIONS = "gtFine";
    private static final String IMAGE_SUFFIX = "_leftImg8bit.png";
    private static final String MASK_SUFFIX = "_gtFine_labelIds.png";

    /** Opens {@code root}; fails with a message naming the folder or file at fault. */
    public CityscapesDataset(Path root, DatasetOptions options) {
        super(root, options);
        FolderFingerprint fingerprint = new FolderFingerprint(this.root);
        Path trainDir = this.root.resolve(IMAGES).resolve("train");
        Path valDir = this.root.resolve(IMAGES).resolve("val");
        List<FolderItem> pool = items("train", fingerprint);
        List<FolderItem> val = items("val", fingerprint);
        open(CityscapesLabels.classNames(), CityscapesLabels.table(), trainDir, pool, valDir, val, "cityscapes",
                fingerprint);
    }

    private List<FolderItem> items(String split, FolderFingerprint fingerprint) {
        Path imageDir = root.resolve(IMAGES).resolve(split);
        Path maskDir = root.resolve(ANNOTATIONS).resolve(split);
        FolderScan.requireFolder(imageDir);
        FolderScan.requireFolder(maskDir);
        List<FolderItem> items = new ArrayList<>();
        for (Path image : FolderScan.images(imageDir, true)) {
            String name = image.getFileName().toString();
            if (!name.endsWith(IMAGE_SUFFIX)) {
                continue;
            }
            String stem = name.substring(0, name.length() - IMAGE_SUFFIX.length());
            Path city = imageDir.relativize(image.getParent());
            items.add(pair(image, maskDir.resolve(city).resolve(stem + MASK_SUFFIX), fingerprint));
        }
        if (items.isEmpty()) {
            throw new InvalidInputException(imageDir + ": has no CITY/*" + IMAGE_SUFFIX + " images");
        }
        return items;
    }

    @Override
    public String describe() {
        return describe("Cityscapes");
    }
}
