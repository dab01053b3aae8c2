package org.sparsevit4j.supernet.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sparsevit4j.core.InvalidInputException;

/**
 * Semantic segmentation folders: {@code ROOT/{train,val}/images/NAME.png|jpg|jpeg}, each with a
 * mask {@code ROOT/{train,val}/masks/NAME.png}, and {@code ROOT/classes.json}
 * ({@link SegmentationClasses}). A mask is a single-channel PNG of at most 8 bits, grey or palette,
 * whose pixel values are class indices (palette indices, not colours), the ignore index marking
 * pixels that are not scored.
 *
 * <p>Checked at open, per image, from headers only: the image is readable, its mask exists, is one
 * channel of at most 8 bits, and has the image's size. Checked while decoding: pixel data, and that
 * every mask value is a class index or the ignore index. Bad files follow {@link FolderIndex}'s
 * policy. Masks without an image are ignored; two images with the same name and different
 * endings are an error, since a mask could not tell which it belongs to.
 */
public final class SegmentationFolderDataset extends FolderDataset {

    private final SegmentationClasses classes;

    /** Opens {@code root}; fails with a message naming the folder or file at fault. */
    public SegmentationFolderDataset(Path root, DatasetOptions options) {
        super(root, options);
        Path classesFile = this.root.resolve(SegmentationClasses.FILE_NAME);
        this.classes = SegmentationClasses.read(classesFile);
        FolderFingerprint fingerprint = new FolderFingerprint(this.root);
        fingerprint.add(classesFile);
        Path trainDir = this.root.resolve("train");
        Path valDir = this.root.resolve("val");
        List<FolderItem> pool = items(trainDir, fingerprint);
        List<FolderItem> val = items(valDir, fingerprint);
        open(new FolderIndex(trainDir, pool, valDir, val, SegmentationFolderDataset::check, options),
                "segmentation-folder", fingerprint);
    }

    private static List<FolderItem> items(Path splitDir, FolderFingerprint fingerprint) {
        FolderScan.requireFolder(splitDir);
        Path imageDir = splitDir.resolve("images");
        Path maskDir = splitDir.resolve("masks");
        FolderScan.requireFolder(imageDir);
        FolderScan.requireFolder(maskDir);
        List<Path> images = FolderScan.images(imageDir, false);
        if (images.isEmpty()) {
            throw new InvalidInputException(imageDir + ": has no " + FolderScan.expectedImages());
        }
        Map<String, Path> byName = new HashMap<>();
        List<FolderItem> items = new ArrayList<>(images.size());
        for (Path image : images) {
            String name = FolderScan.stem(image);
            Path other = byName.putIfAbsent(name, image);
            if (other != null) {
                throw new InvalidInputException(image + ": has the same name as " + other
                        + "; masks are matched to images by name, so names must be unique");
            }
            Path mask = maskDir.resolve(name + ".png");
            fingerprint.add(image);
            if (Files.exists(mask)) {
                fingerprint.add(mask);
            }
            items.add(new FolderItem(image, mask, -1));
        }
        return items;
    }

    /** The open-time check: headers of image and mask, the mask's format and size. */
    private static void check(FolderItem item) {
        if (!Files.isRegularFile(item.mask())) {
            throw new InvalidInputException(item.mask() + ": missing mask of " + item.image());
        }
        ImageFiles.Header image = ImageFiles.probe(item.image());
        ImageFiles.Header mask = ImageFiles.probe(item.mask());
        if (mask.bands() != 0) {
            ImageFiles.requireMaskFormat(item.mask(), mask.bands(), mask.bits());
        }
        if (mask.width() != image.width() || mask.height() != image.height()) {
            throw new InvalidInputException(item.mask() + ": mask is " + mask.width() + "x" + mask.height()
                    + " (width x height) but its image " + item.image().getFileName() + " is " + image.width() + "x"
                    + image.height());
        }
    }

    private Sample decode(FolderItem item, Transform transform, long augmentSeed) {
        RawImage image = ImageFiles.readRgb(item.image());
        int[] mask = ImageFiles.readMask(item.mask(), image.height(), image.width());
        int numClasses = numClasses();
        int ignore = ignoreIndex();
        for (int p = 0; p < mask.length; p++) {
            int value = mask[p];
            if (value >= numClasses && value != ignore) {
                throw new InvalidInputException(item.mask() + ": pixel (x=" + p % image.width() + ", y="
                        + p / image.width() + ") holds " + value + ", which is neither a class index below "
                        + numClasses + " nor the ignore index " + ignore);
            }
        }
        return TransformPipeline.apply(image, mask, -1, ignore, transform, augmentSeed);
    }

    @Override
    public Task task() {
        return Task.SEGMENTATION;
    }

    @Override
    public int numClasses() {
        return classes.classes().size();
    }

    @Override
    public List<String> classNames() {
        return classes.classes();
    }

    @Override
    public int ignoreIndex() {
        return classes.ignoreIndex();
    }

    /**
     * Decodes and transforms one image and its mask. With {@code skipBad}, a sample that fails
     * (corrupt pixels, a class index out of range) is logged and the next good sample of the split
     * is returned instead ({@link FolderIndex}).
     */
    @Override
    public Sample load(Split split, int i, Transform transform, long augmentSeed) {
        Objects.requireNonNull(transform, "transform");
        return index().load(split, i, transform, augmentSeed, this::decode);
    }

    @Override
    public String describe() {
        return "segmentation folder " + root + " (" + numClasses() + " classes, ignore " + ignoreIndex() + ", "
                + splitSummary() + ")";
    }
}
