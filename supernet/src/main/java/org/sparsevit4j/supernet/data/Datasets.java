package org.sparsevit4j.supernet.data;

import java.nio.file.Path;
import java.util.Objects;

/** Opens the dataset a command names: a folder of a given task, or the built-in synthetic scenes. */
public final class Datasets {

    private Datasets() {
    }

    /**
     * Opens the folder {@code root}: {@link ImageFolderDataset} for classification,
     * {@link SegmentationFolderDataset} for segmentation.
     */
    public static SampleSource open(Path root, Task task, DatasetOptions options) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(options, "options");
        return switch (Objects.requireNonNull(task, "task")) {
            case CLASSIFICATION -> new ImageFolderDataset(root, options);
            case SEGMENTATION -> new SegmentationFolderDataset(root, options);
        };
    }

    /** The built-in sparse scenes, sized and seeded by {@code options}. */
    public static SampleSource synthetic(Task task, DatasetOptions options) {
        return new SyntheticScenes(task, options);
    }
}
