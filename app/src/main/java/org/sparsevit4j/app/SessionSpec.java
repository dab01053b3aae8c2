package org.sparsevit4j.app;

import java.nio.file.Path;
import java.util.Objects;
import org.sparsevit4j.supernet.data.Split;
import org.sparsevit4j.supernet.model.Precision;
import org.sparsevit4j.supernet.train.TrainSettings;

/**
 * What a {@link ModelSession} is opened from: enough to open the same session again in another
 * process (a cluster's executor), where the same checkpoint and data give the same metrics.
 *
 * @param weights the checkpoint or weight file, resolved to one file
 * @param weightsSha256 its SHA-256, which another process checks before it evaluates
 * @param data the data (none named: the checkpoint's own)
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

    /**
     * The spec of {@code session}, opened with these data and loader settings. Where the session reads the
     * dataset folder its checkpoint was trained on, that folder is named here, as the training read it, so
     * that another process can be pointed at a copy of it.
     */
    public static SessionSpec of(ModelSession session, DataSpec data, Split split, int batch, int loaderThreads) {
        TrainSettings trained = session.model().meta().map(m -> m.settings()).orElse(null);
        DataSpec read = data.given() || trained == null || trained.dataset() == null ? data.pinned()
                : new DataSpec(trained.dataset().toAbsolutePath(),
                        trained.format() == null ? null : trained.format().cliName(), trained.task().cliName(),
                        trained.data().skipBad(), trained.data().searchFraction(), trained.data().syntheticTrain(),
                        trained.data().syntheticVal());
        return new SessionSpec(session.model().file().toAbsolutePath(), session.weightsSha256(), read, split,
                new Resolution(session.height(), session.width()), session.evaluator().images(), batch, loaderThreads,
                session.model().model().precision());
    }
}
