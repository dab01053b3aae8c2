package org.sparsevit4j.spark;

import java.io.Serializable;
import java.nio.file.Path;
import org.sparsevit4j.app.DataSpec;
import org.sparsevit4j.app.Resolution;
import org.sparsevit4j.app.SessionSpec;
import org.sparsevit4j.supernet.data.Split;
import org.sparsevit4j.supernet.data.SyntheticKind;
import org.sparsevit4j.supernet.model.Precision;

/**
 * A {@link SessionSpec} as it travels to the executors (plain values, Java-serializable), with what the
 * driver shipped through {@code SparkFiles}.
 *
 * @param weights the checkpoint's path on the driver (used on an executor that sees the same path)
 * @param weightsShipped the checkpoint's name in {@code SparkFiles}, or null when it was not shipped
 * @param weightsSha256 the checkpoint's SHA-256 as the driver recorded it; executors check it
 * @param dataset the dataset folder on the driver, or null for the built-in scenes
 * @param datasetShipped the folder's name in {@code SparkFiles}, or null when it was not shipped
 * @param format the folder's layout, as the driver resolved it
 * @param task the task named on the driver, or null
 * @param synthetic which built-in scenes (a {@link SyntheticKind} name)
 * @param images images in the split on the driver; executors check it
 */
record ExecutorSpec(String weights, String weightsShipped, String weightsSha256, String dataset,
        String datasetShipped, String format, String task, boolean skipBad, double searchFraction, int syntheticTrain,
        int syntheticVal, String synthetic, String split, int height, int width, int images, int batch, int loaderThreads,
        String precision) implements Serializable {

    /** {@code spec} with the names of what was shipped (null: read from the shared path). */
    static ExecutorSpec of(SessionSpec spec, String weightsShipped, String datasetShipped) {
        DataSpec data = spec.data();
        return new ExecutorSpec(spec.weights().toString(), weightsShipped, spec.weightsSha256(),
                data.dataset() == null ? null : data.dataset().toString(), datasetShipped, data.format(), data.task(),
                data.skipBad(), data.searchFraction(), data.syntheticTrain(), data.syntheticVal(), data.synthetic().name(),
                spec.split().name(),
                spec.resolution().height(), spec.resolution().width(), spec.images(), spec.batch(),
                spec.loaderThreads(), spec.precision().cliName());
    }

    /** The data, read from {@code folder} (where this executor finds the dataset; null for the built-in scenes). */
    DataSpec data(Path folder) {
        return new DataSpec(folder, format, task, skipBad, searchFraction, syntheticTrain, syntheticVal,
                SyntheticKind.valueOf(synthetic));
    }

    Split splitValue() {
        return Split.valueOf(split);
    }

    Resolution resolution() {
        return new Resolution(height, width);
    }

    Precision precisionValue() {
        return Precision.parse(precision);
    }
}
