package org.sparsevit4j.supernet.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.sparsevit4j.core.InvalidInputException;

/**
 * Image classification folders in torchvision's ImageFolder layout:
 * {@code ROOT/train/<class>/**.png|jpg|jpeg} and {@code ROOT/val/<class>/...}.
 *
 * <p>The classes are the sorted names of the visible subfolders of {@code train} (class {@code i}
 * is the {@code i}-th name, as in torchvision); {@code val} must have exactly the same class
 * folders, and an extra or missing one is an error naming it. Images are found below a class
 * folder at any depth, names starting with a dot left out, and ordered by class, then path.
 * Every train class folder needs at least one image; a val class folder may be empty, but not the
 * whole of {@code val}. Bad files follow {@link FolderIndex}'s policy: header checks at open, the
 * rest while decoding.
 */
public final class ImageFolderDataset extends FolderDataset {

    private final List<String> classNames;

    /** Opens {@code root}; fails with a message naming the folder or file at fault. */
    public ImageFolderDataset(Path root, DatasetOptions options) {
        super(root, options);
        Path trainDir = this.root.resolve("train");
        Path valDir = this.root.resolve("val");
        FolderScan.requireFolder(trainDir);
        FolderScan.requireFolder(valDir);
        List<Path> classDirs = FolderScan.subfolders(trainDir);
        if (classDirs.isEmpty()) {
            throw new InvalidInputException(trainDir + ": has no class folders; expected " + trainDir
                    + "/<class>/<image>.png|jpg");
        }
        List<String> names = classDirs.stream().map(p -> p.getFileName().toString()).toList();
        requireSameClasses(trainDir, names, valDir);
        FolderFingerprint fingerprint = new FolderFingerprint(this.root);
        List<FolderItem> pool = items(trainDir, names, true, fingerprint);
        List<FolderItem> val = items(valDir, names, false, fingerprint);
        if (val.isEmpty()) {
            throw new InvalidInputException(valDir + ": has no " + FolderScan.expectedImages() + " in any class folder");
        }
        this.classNames = names;
        open(new FolderIndex(trainDir, pool, valDir, val, item -> ImageFiles.probe(item.image()), options),
                "image-folder", fingerprint);
    }

    private static void requireSameClasses(Path trainDir, List<String> trainClasses, Path valDir) {
        Set<String> valClasses = new LinkedHashSet<>();
        for (Path dir : FolderScan.subfolders(valDir)) {
            valClasses.add(dir.getFileName().toString());
        }
        for (String name : valClasses) {
            if (!trainClasses.contains(name)) {
                throw new InvalidInputException(valDir.resolve(name) + ": class folder not in " + trainDir
                        + "; the classes are the folders of train");
            }
        }
        for (String name : trainClasses) {
            if (!valClasses.contains(name)) {
                throw new InvalidInputException(valDir.resolve(name) + ": missing class folder; " + trainDir
                        + " has class \"" + name + "\"");
            }
        }
    }

    private static List<FolderItem> items(Path splitDir, List<String> classes, boolean requireImages,
            FolderFingerprint fingerprint) {
        List<FolderItem> items = new ArrayList<>();
        for (int label = 0; label < classes.size(); label++) {
            Path classDir = splitDir.resolve(classes.get(label));
            List<Path> files = FolderScan.images(classDir, true);
            if (files.isEmpty() && requireImages) {
                throw new InvalidInputException(classDir + ": has no " + FolderScan.expectedImages());
            }
            for (Path file : files) {
                fingerprint.add(file);
                items.add(new FolderItem(file, null, label));
            }
        }
        return items;
    }

    @Override
    public Task task() {
        return Task.CLASSIFICATION;
    }

    @Override
    public int numClasses() {
        return classNames.size();
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public int ignoreIndex() {
        return SegmentationClasses.DEFAULT_IGNORE_INDEX;
    }

    /**
     * Decodes and transforms one image. With {@code skipBad}, an image that fails to decode is
     * logged and the next good image of the split is returned instead ({@link FolderIndex}).
     */
    @Override
    public Sample load(Split split, int i, Transform transform, long augmentSeed) {
        Objects.requireNonNull(transform, "transform");
        return index().load(split, i, transform, augmentSeed, (item, t, seed) -> TransformPipeline.apply(
                ImageFiles.readRgb(item.image()), null, item.label(), ignoreIndex(), t, seed));
    }

    @Override
    public String describe() {
        return "image folder " + root + " (classification, " + numClasses() + " classes, " + splitSummary() + ")";
    }
}
