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
 * What every semantic segmentation layout on disk shares once its files are paired: an image and a
 * mask per sample, the mask's stored values turned into class indices by a {@link LabelTable},
 * the class names, and the checks. A subclass finds its pairs and splits in its constructor and
 * hands them over with {@link #open}.
 *
 * <p>Checked at open, per image, from headers only: the image is readable, its mask exists, is one
 * channel of at most 8 bits (grey or palette: palette masks are read as their indices, never as
 * colours), and has the image's size. Checked while decoding: pixel data, and that every mask
 * value is one the dataset defines. Bad files follow {@link FolderIndex}'s policy.
 */
abstract class MaskedFolderDataset extends FolderDataset {

    private List<String> classNames;
    private LabelTable labels;

    MaskedFolderDataset(Path root, DatasetOptions options) {
        super(root, options);
    }

    /**
     * Takes the classes, the label table and the paired samples of the training pool and of val.
     *
     * @param kind the layout's name in the identity, which keys cached results
     */
    protected final void open(List<String> names, LabelTable table, Path trainFolder, List<FolderItem> pool,
            Path valFolder, List<FolderItem> val, String kind, FolderFingerprint fingerprint) {
        this.classNames = List.copyOf(names);
        this.labels = Objects.requireNonNull(table, "table");
        open(new FolderIndex(trainFolder, pool, valFolder, val, MaskedFolderDataset::check, options), kind,
                fingerprint);
    }

    /**
     * The images of {@code imageDir} (not below it), each paired with the PNG of the same name in
     * {@code maskDir}; both folders must exist and the images be there.
     */
    static List<FolderItem> pairByName(Path imageDir, Path maskDir, FolderFingerprint fingerprint) {
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
            items.add(pair(image, maskDir.resolve(name + ".png"), fingerprint));
        }
        return items;
    }

    /** Adds the image and, when it exists, the mask to {@code fingerprint}, and pairs them. */
    static FolderItem pair(Path image, Path mask, FolderFingerprint fingerprint) {
        fingerprint.add(image);
        if (Files.exists(mask)) {
            fingerprint.add(mask);
        }
        return new FolderItem(image, mask, -1);
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
        int[] mask = labels.apply(ImageFiles.readMask(item.mask(), image.height(), image.width()), image.width(),
                item.mask());
        return TransformPipeline.apply(image, mask, -1, ignoreIndex(), transform, augmentSeed);
    }

    @Override
    public final Task task() {
        return Task.SEGMENTATION;
    }

    @Override
    public final int numClasses() {
        return classNames.size();
    }

    @Override
    public final List<String> classNames() {
        return classNames;
    }

    @Override
    public final int ignoreIndex() {
        return labels.ignoreIndex();
    }

    /**
     * Decodes and transforms one image and its mask. With {@code skipBad}, a sample that fails
     * (corrupt pixels, a mask value the dataset does not define) is logged and the next good sample
     * of the split is returned instead ({@link FolderIndex}).
     */
    @Override
    public final Sample load(Split split, int i, Transform transform, long augmentSeed) {
        Objects.requireNonNull(transform, "transform");
        return index().load(split, i, transform, augmentSeed, this::decode);
    }

    /** {@code NAME ROOT (N classes, ignore I, train N / search N / val N)}. */
    protected final String describe(String name) {
        return name + " " + root + " (" + numClasses() + " classes, ignore " + ignoreIndex() + ", " + splitSummary()
                + ")";
    }
}
