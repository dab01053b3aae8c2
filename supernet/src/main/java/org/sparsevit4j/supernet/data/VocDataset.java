package org.sparsevit4j.supernet.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.TextFiles;

/**
 * Pascal VOC 2012 segmentation as it ships ({@code VOCtrainval_11-May-2012.tar} unpacked; ROOT is
 * {@code VOCdevkit/VOC2012}): the split lists {@code ROOT/ImageSets/Segmentation/{train,val}.txt},
 * one image name per line, each naming {@code ROOT/JPEGImages/NAME.jpg} and its mask
 * {@code ROOT/SegmentationClass/NAME.png}. The masks are palette PNGs whose <em>indices</em> are
 * the classes (0 background, 1..20 the objects of {@link VocLabels}) and 255 the object borders and
 * "difficult" regions, which are not scored; their colours are only VOC's way of showing them.
 * {@code train.txt} is our training pool (the search split is carved from it) and {@code val.txt}
 * our val. A listed image or mask that is missing is a bad sample like any other; checks and the
 * policy for bad files are {@link MaskedFolderDataset}'s.
 */
public final class VocDataset extends MaskedFolderDataset {

    static final String IMAGES = "JPEGImages";
    static final String MASKS = "SegmentationClass";
    static final String LISTS = "ImageSets/Segmentation";

    /** Opens {@code root}; fails with a message naming the folder or file at fault. */
    public VocDataset(Path root, DatasetOptions options) {
        super(root, options);
        FolderScan.requireFolder(this.root.resolve(IMAGES));
        FolderScan.requireFolder(this.root.resolve(MASKS));
        FolderFingerprint fingerprint = new FolderFingerprint(this.root);
        Path trainList = this.root.resolve(LISTS).resolve("train.txt");
        Path valList = this.root.resolve(LISTS).resolve("val.txt");
        List<FolderItem> pool = items(trainList, fingerprint);
        List<FolderItem> val = items(valList, fingerprint);
        open(VocLabels.classNames(), VocLabels.table(), trainList, pool, valList, val, "voc2012", fingerprint);
    }

    /** The samples {@code list} names, in its order; a name listed twice is read once. */
    private List<FolderItem> items(Path list, FolderFingerprint fingerprint) {
        fingerprint.add(list);
        List<String> lines = TextFiles.readUtf8(list).lines().toList();
        Set<String> seen = new HashSet<>();
        List<FolderItem> items = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            // the first field is the name (VOC's per-class lists add a second, the presence flag)
            String name = line.split("\\s+")[0];
            if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
                throw new InvalidInputException(list + ": line " + (i + 1) + " \"" + name + "\" is not an image name"
                        + " (NAME for JPEGImages/NAME.jpg)");
            }
            if (seen.add(name)) {
                items.add(pair(root.resolve(IMAGES).resolve(name + ".jpg"), root.resolve(MASKS).resolve(name + ".png"),
                        fingerprint));
            }
        }
        if (items.isEmpty()) {
            throw new InvalidInputException(list + ": lists no image names");
        }
        return items;
    }

    @Override
    public String describe() {
        return describe("Pascal VOC 2012");
    }
}
