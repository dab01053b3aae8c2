package org.sparsevit4j.supernet.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.sparsevit4j.core.InvalidInputException;

/**
 * The layouts a dataset folder can have on disk ({@code --format}), and how one is recognised
 * when none is named: by the folders that only that layout has. A folder that matches two layouts
 * (say a Cityscapes tree that also holds {@code train/} and {@code val/}) is not guessed at.
 */
public enum DatasetFormat {
    /** Our own folders: an ImageFolder, or a segmentation folder with {@code classes.json}. */
    FOLDERS("folders", "train/ and val/", List.of("train", "val")),
    /** {@link CityscapesDataset}. */
    CITYSCAPES("cityscapes", "leftImg8bit/ and gtFine/", List.of(CityscapesDataset.IMAGES,
            CityscapesDataset.ANNOTATIONS)),
    /** {@link Ade20kDataset}. */
    ADE20K("ade20k", "images/training/ and annotations/training/", List.of(Ade20kDataset.IMAGES + "/"
            + Ade20kDataset.TRAINING, Ade20kDataset.ANNOTATIONS + "/" + Ade20kDataset.TRAINING)),
    /** {@link VocDataset}. */
    VOC("voc", "JPEGImages/, SegmentationClass/ and ImageSets/Segmentation/", List.of(VocDataset.IMAGES,
            VocDataset.MASKS, VocDataset.LISTS));

    /** Folders users often point at one level too high, and the folder below that is the dataset. */
    private static final List<String> KNOWN_INNER = List.of("ADEChallengeData2016", "VOCdevkit/VOC2012", "VOC2012",
            "cityscapes");

    private final String cliName;
    private final String signature;
    private final List<String> folders;

    DatasetFormat(String cliName, String signature, List<String> folders) {
        this.cliName = cliName;
        this.signature = signature;
        this.folders = folders;
    }

    /** The name {@code --format} takes. */
    public String cliName() {
        return cliName;
    }

    /** The task of the data; null for {@link #FOLDERS}, whose task depends on the folder. */
    public Task task() {
        return this == FOLDERS ? null : Task.SEGMENTATION;
    }

    /** The folders that mark this layout, for messages: {@code leftImg8bit/ and gtFine/}. */
    public String signature() {
        return signature;
    }

    /** The format named {@code text} (any case). */
    public static DatasetFormat parse(String text) {
        String name = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (DatasetFormat format : values()) {
            if (format.cliName.equals(name)) {
                return format;
            }
        }
        throw new InvalidInputException("--format " + text + " must be one of " + names());
    }

    /** Whether {@code root} has every folder that marks this layout. */
    public boolean matches(Path root) {
        return folders.stream().allMatch(f -> Files.isDirectory(root.resolve(f)));
    }

    /**
     * The one layout {@code root} has.
     *
     * @throws InvalidInputException when {@code root} is not a folder, has none of the layouts (the
     *     message lists what each needs, and names a dataset folder inside it when there is one), or
     *     has several (the message names them and asks for {@code --format})
     */
    public static DatasetFormat detect(Path root) {
        FolderScan.requireFolder(root);
        List<DatasetFormat> found = Arrays.stream(values()).filter(f -> f.matches(root)).toList();
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.size() > 1) {
            throw new InvalidInputException(root + ": looks like " + found.stream()
                    .map(f -> f.cliName + " (" + f.signature + ")").collect(Collectors.joining(" and "))
                    + "; choose with --format " + found.stream().map(f -> f.cliName).collect(Collectors.joining("|")));
        }
        List<String> inner = new ArrayList<>();
        for (String name : KNOWN_INNER) {
            if (Arrays.stream(values()).anyMatch(f -> f.matches(root.resolve(name)))) {
                inner.add(root.resolve(name).toString());
            }
        }
        throw new InvalidInputException(root + ": not a dataset folder; expected " + Arrays.stream(values())
                .map(f -> f.signature + " (" + f.cliName + ")").collect(Collectors.joining(", or "))
                + (inner.isEmpty() ? "" : "; did you mean --dataset " + inner.get(0) + "?"));
    }

    /** {@code folders, cityscapes, ade20k, voc}. */
    public static String names() {
        return Arrays.stream(values()).map(f -> f.cliName).collect(Collectors.joining(", "));
    }
}
