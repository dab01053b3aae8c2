package org.sparsevit4j.cli;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Locale;
import org.sparsevit4j.evaluator.FileHash;
import org.sparsevit4j.evaluator.SplitEvaluator;
import org.sparsevit4j.supernet.data.DatasetOptions;
import org.sparsevit4j.supernet.data.Datasets;
import org.sparsevit4j.supernet.data.SampleSource;
import org.sparsevit4j.supernet.data.Split;
import org.sparsevit4j.supernet.train.LoadedModel;
import org.sparsevit4j.supernet.train.TrainSettings;

/**
 * A model, the data it is measured on and the evaluator of one split, as {@code evaluate} and
 * {@code search} set them up. Without {@code --dataset}, a checkpoint is measured on the data it
 * was trained on (same folder or same synthetic scenes, same seed, so the same search split);
 * the resolution defaults to the training resolution.
 */
final class EvaluationSetup implements AutoCloseable {

    final NDManager manager;
    final LoadedModel model;
    final SampleSource source;
    final SplitEvaluator evaluator;
    final int height;
    final int width;
    final String description;

    private EvaluationSetup(NDManager manager, LoadedModel model, SampleSource source, SplitEvaluator evaluator,
            int height, int width, String description) {
        this.manager = manager;
        this.model = model;
        this.source = source;
        this.evaluator = evaluator;
        this.height = height;
        this.width = width;
        this.description = description;
    }

    static EvaluationSetup open(Path weights, DataOptions data, Split split, Resolution resolution, int batch,
            int loaderThreads, CacheOptions cache) {
        NDManager manager = NDManager.newBaseManager();
        LoadedModel model = null;
        try {
            model = LoadedModel.load(weights, manager);
            TrainSettings trained = model.meta().map(m -> m.settings()).orElse(null);
            Resolution size = Resolution.forModel(resolution, model);
            int height = size.height();
            int width = size.width();
            SampleSource source;
            if (data.given() || trained == null) {
                DatasetOptions options = data.options(trained != null ? trained.data().seed() : 0,
                        trained != null ? trained.data().syntheticHeight() : height,
                        trained != null ? trained.data().syntheticWidth() : width);
                source = data.open(options);
            } else {
                source = trained.dataset() == null
                        ? Datasets.synthetic(trained.task(), trained.data())
                        : Datasets.open(trained.dataset(), trained.task(), trained.data());
            }
            String key = "weights=" + FileHash.sha256(model.file()) + ";data=" + source.identity() + ";split="
                    + split.name() + ";resolution=" + height + "x" + width;
            SplitEvaluator evaluator = new SplitEvaluator(model, source, split, height, width, batch, loaderThreads,
                    cache.open(key), manager, SplitEvaluator.DEFAULT_MEMORY_BUDGET);
            String description = String.format(Locale.ROOT, "%s on %s, %s split (%d images) at %dx%d",
                    model.file(), source.describe(), evaluator.splitName(), evaluator.images(), height, width);
            return new EvaluationSetup(manager, model, source, evaluator, height, width, description);
        } catch (RuntimeException e) {
            if (model != null) {
                model.close();
            }
            manager.close();
            throw e;
        }
    }

    /** Tells about files skipped as bad ({@code --skip-bad}), if any. */
    void reportSkipped(java.io.PrintWriter err) {
        if (source.skipped() > 0) {
            err.println("skipped " + source.skipped() + " bad files: " + String.join(", ", source.skippedFiles()));
        }
    }

    @Override
    public void close() {
        model.close();
        manager.close();
    }
}
