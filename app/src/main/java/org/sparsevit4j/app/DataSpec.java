package org.sparsevit4j.app;

import java.nio.file.Files;
import java.nio.file.Path;
import org.sparsevit4j.supernet.data.DatasetOptions;
import org.sparsevit4j.supernet.data.Datasets;
import org.sparsevit4j.supernet.data.SampleSource;
import org.sparsevit4j.supernet.data.SyntheticKind;
import org.sparsevit4j.supernet.data.Task;

/**
 * The data an operation reads: a dataset folder or the built-in synthetic scenes, and what shapes
 * it (the command line's {@code --dataset}, {@code --task}, {@code --skip-bad}, {@code --synthetic}, ...).
 *
 * @param dataset the folder, or null for the built-in scenes
 * @param task {@code classification} or {@code segmentation}, or null to read it off the data
 * @param skipBad whether bad files are skipped and counted instead of stopping
 * @param searchFraction share of train carved out as the search split
 * @param syntheticTrain built-in scenes: training images
 * @param syntheticVal built-in scenes: validation images
 * @param synthetic which built-in scenes; null for the benchmark
 */
public record DataSpec(Path dataset, String task, boolean skipBad, double searchFraction, int syntheticTrain,
        int syntheticVal, SyntheticKind synthetic) {

    public DataSpec {
        synthetic = synthetic == null ? SyntheticKind.BENCHMARK : synthetic;
    }

    /** The built-in benchmark with the default sizes. */
    public static DataSpec builtIn() {
        return new DataSpec(null, null, false, 0.1, 2000, 200, SyntheticKind.BENCHMARK);
    }

    /** The same data with the dataset folder made absolute (a recorded request must not depend on the working folder). */
    public DataSpec absolute() {
        return dataset == null ? this : new DataSpec(dataset.toAbsolutePath(), task, skipBad, searchFraction,
                syntheticTrain, syntheticVal, synthetic);
    }

    /** Whether a dataset or a task was named (a command that could take the data from a checkpoint asks). */
    public boolean given() {
        return dataset != null || task != null;
    }

    /** The task: as given, or read off the dataset. */
    public Task resolvedTask() {
        if (task != null) {
            return Task.parse(task);
        }
        if (dataset != null && !Files.exists(dataset.resolve("classes.json"))) {
            return Task.CLASSIFICATION;
        }
        return Task.SEGMENTATION;
    }

    /** Dataset options for the given seed; synthetic scenes are generated at the given size. */
    public DatasetOptions options(long seed, int height, int width) {
        return new DatasetOptions(seed, searchFraction, skipBad, height, width, syntheticTrain, syntheticVal, synthetic);
    }

    /** Opens the data with {@code options}. */
    public SampleSource open(DatasetOptions options) {
        return dataset == null ? Datasets.synthetic(resolvedTask(), options)
                : Datasets.open(dataset, resolvedTask(), options);
    }
}
