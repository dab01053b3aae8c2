package org.sparsevit4j.app;

import java.nio.file.Path;
import java.util.Objects;
import org.sparsevit4j.supernet.data.Split;
import org.sparsevit4j.supernet.model.Precision;

/**
 * What a {@link ModelSession} was opened from ({@link ModelSession#spec}): enough to open the same
 * session again in another process (a cluster's executor), where the same checkpoint and data give the
 * same metrics.
 *
 * @param weights the checkpoint or weight file, resolved to one file
 * @param weightsSha256 its SHA-256, which another process checks before it evaluates
 * @param data the data (the built-in scenes, or the folder read: named, or the checkpoint's own)
 * @param split the split evaluated
 * @param resolution the evaluation size, resolved (never the model's default)
 * @param images images in the split, which another process checks too
 * @param batch images per evaluation pass
 * @param loaderThreads decoding threads
 * @param precision the inference precision
 */
public record SessionSpec(Path weights, String weightsSha256, DataSpec data, Split split, Resolution resolution,
        int images, int batch, int loaderThreads, Precision precision) {

    public SessionSpec {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(weightsSha256, "weightsSha256");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(precision, "precision");
    }
}
