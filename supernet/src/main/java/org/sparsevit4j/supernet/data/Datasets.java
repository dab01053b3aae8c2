package org.sparsevit4j.supernet.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.sparsevit4j.core.InvalidInputException;

/** Opens the dataset a command names: a folder of a given layout and task, or the built-in synthetic scenes. */
public final class Datasets {

    private Datasets() {
    }

    /**
     * The task of the folder {@code root} in {@code format}: segmentation for the public datasets;
     * for our own folders, segmentation when there is a {@code classes.json}, else classification.
     */
    public static Task task(Path root, DatasetFormat format) {
        if (format.task() != null) {
            return format.task();
        }
        return Files.exists(root.resolve(SegmentationClasses.FILE_NAME)) ? Task.SEGMENTATION : Task.CLASSIFICATION;
    }

    /**
     * Opens the folder {@code root} in {@code format} for {@code task}: {@link ImageFolderDataset}
     * or {@link SegmentationFolderDataset} for our own folders, {@link CityscapesDataset},
     * {@link Ade20kDataset} or {@link VocDataset} for the public ones, which are segmentation only.
     */
    public static SampleSource open(Path root, DatasetFormat format, Task task, DatasetOptions options) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(task, "task");
        if (format.task() != null && format.task() != task) {
            throw new InvalidInputException("--task " + task.cliName() + ": " + root + " is read as " + format.cliName()
                    + ", a " + format.task().cliName() + " dataset");
        }
        return switch (format) {
            case FOLDERS -> task == Task.CLASSIFICATION ? new ImageFolderDataset(root, options)
                    : new SegmentationFolderDataset(root, options);
            case CITYSCAPES -> new CityscapesDataset(root, options);
            case ADE20K -> new Ade20kDataset(root, options);
            case VOC -> new VocDataset(root, options);
        };
    }

    /** The built-in sparse scenes, sized and seeded by {@code options}. */
    public static SampleSource synthetic(Task task, DatasetOptions options) {
        return new SyntheticScenes(task, options);
    }
}
