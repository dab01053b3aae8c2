package org.sparsevit4j.app;

import java.nio.file.Path;
import java.util.Optional;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.supernet.data.DatasetFormat;
import org.sparsevit4j.supernet.data.DatasetOptions;
import org.sparsevit4j.supernet.data.Datasets;
import org.sparsevit4j.supernet.data.SampleSource;
import org.sparsevit4j.supernet.data.SyntheticKind;
import org.sparsevit4j.supernet.data.Task;

/**
 * The data an operation reads: a dataset folder or the built-in synthetic scenes, and what shapes
 * it (the command line's {@code --dataset}, {@code --format}, {@code --task}, {@code --skip-bad},
 * {@code --synthetic}, ...).
 *
 * @param dataset the folder, or null for the built-in scenes
 * @param format the folder's layout: {@code folders}, {@code cityscapes}, {@code ade20k} or
 *     {@code voc}; null to recognise it by its folders
 * @param task {@code classification} or {@code segmentation}, or null to read it off the data
 * @param skipBad whether bad files are skipped and counted instead of stopping
 * @param searchFraction share of train carved out as the search split
 * @param syntheticTrain built-in scenes: training images
 * @param syntheticVal built-in scenes: validation images
 * @param synthetic which built-in scenes; null for the benchmark
 */
public record DataSpec(Path dataset, String format, String task, boolean skipBad, double searchFraction,
        int syntheticTrain, int syntheticVal, SyntheticKind synthetic) {

    public DataSpec {
        synthetic = synthetic == null ? SyntheticKind.BENCHMARK : synthetic;
        if (format != null && dataset == null) {
            throw new InvalidInputException("--format " + format + " describes a folder: give it with --dataset DIR");
        }
    }

    /** The built-in benchmark with the default sizes. */
    public static DataSpec builtIn() {
        return new DataSpec(null, null, null, false, 0.1, 2000, 200, SyntheticKind.BENCHMARK);
    }

    /** Whether a dataset or a task was named (a command that could take the data from a checkpoint asks). */
    public boolean given() {
        return dataset != null || task != null;
    }

    /** The folder's layout: as given, or recognised by its folders; null for the built-in scenes. */
    public DatasetFormat resolvedFormat() {
        if (dataset == null) {
            return null;
        }
        return format != null ? DatasetFormat.parse(format) : DatasetFormat.detect(dataset);
    }

    /** The task: as given, or read off the dataset (segmentation for the built-in scenes). */
    public Task resolvedTask() {
        if (task != null) {
            return Task.parse(task);
        }
        return dataset == null ? Task.SEGMENTATION : Datasets.task(dataset, resolvedFormat());
    }

    /** Dataset options for the given seed; synthetic scenes are generated at the given size. */
    public DatasetOptions options(long seed, int height, int width) {
        return new DatasetOptions(seed, searchFraction, skipBad, height, width, syntheticTrain, syntheticVal, synthetic);
    }

    /** Opens the data with {@code options}. */
    public SampleSource open(DatasetOptions options) {
        return dataset == null ? Datasets.synthetic(resolvedTask(), options)
                : Datasets.open(dataset, resolvedFormat(), resolvedTask(), options);
    }

    /** The line that says how the folder is read, {@link #note}; empty for the built-in scenes. */
    public Optional<String> formatNote() {
        if (dataset == null) {
            return Optional.empty();
        }
        DatasetFormat resolved = resolvedFormat();
        return Optional.of(note(dataset, resolved, format != null ? "--format " + resolved.cliName()
                : "detected by " + resolved.signature() + "; --format to choose another"));
    }

    /** {@code dataset DIR: read as cityscapes (WHY)}, the first line a command prints about a folder. */
    public static String note(Path dataset, DatasetFormat format, String why) {
        return "dataset " + dataset + ": read as " + format.cliName() + " (" + why + ")";
    }

    /**
     * The same data with the folder made absolute and its layout named, so that a run resumed from
     * another directory, or after the folder gained another layout's folders, reads it as before.
     */
    public DataSpec pinned() {
        return dataset == null ? this : new DataSpec(dataset.toAbsolutePath(), resolvedFormat().cliName(), task,
                skipBad, searchFraction, syntheticTrain, syntheticVal, synthetic);
    }
}
