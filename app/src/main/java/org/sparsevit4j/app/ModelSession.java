package org.sparsevit4j.app;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.util.cuda.CudaUtils;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.sparsevit4j.core.FileHash;
import org.sparsevit4j.core.Json;
import org.sparsevit4j.evaluator.ResultCache;
import org.sparsevit4j.evaluator.SplitEvaluator;
import org.sparsevit4j.supernet.data.DatasetOptions;
import org.sparsevit4j.supernet.data.SampleSource;
import org.sparsevit4j.supernet.data.Split;
import org.sparsevit4j.supernet.model.Precision;
import org.sparsevit4j.supernet.checkpoint.LoadedModel;
import org.sparsevit4j.supernet.checkpoint.TrainSettings;

/**
 * A model, the data it is measured on and the evaluator of one split, as evaluation and search
 * set them up. Without {@code --dataset}, a checkpoint is measured on the data it
 * was trained on (same folder or same synthetic scenes, same seed, so the same search split);
 * the resolution defaults to the training resolution.
 */
public final class ModelSession implements AutoCloseable {

    private final NDManager manager;
    private final LoadedModel model;
    private final SampleSource source;
    private final SplitEvaluator evaluator;
    private final int height;
    private final int width;
    private final String description;
    /** The checkpoint, data and engine the metric comes from, for the provenance of result files. */
    private final ObjectNode provenance;
    private final String weightsSha256;
    private final Optional<String> dataNote;
    private final SessionSpec spec;

    private ModelSession(NDManager manager, LoadedModel model, SampleSource source, SplitEvaluator evaluator,
            int height, int width, String description, ObjectNode provenance, String weightsSha256,
            Optional<String> dataNote, SessionSpec spec) {
        this.manager = manager;
        this.model = model;
        this.source = source;
        this.evaluator = evaluator;
        this.height = height;
        this.width = width;
        this.description = description;
        this.provenance = provenance;
        this.weightsSha256 = weightsSha256;
        this.dataNote = dataNote;
        this.spec = spec;
    }

    /**
     * Loads {@code weights} (in {@code precision}, on the engine's default device), opens the data (the
     * checkpoint's own when {@code data} names none) and the evaluator of {@code split} with its cache.
     *
     * @param resolution the evaluation size, or null for the model's (training size, else 224)
     */
    public static ModelSession open(Path weights, DataSpec data, Split split, Resolution resolution, int batch,
            int loaderThreads, CacheSpec cache, Precision precision) {
        return open(weights, data, split, resolution, batch, loaderThreads, cache::open, precision,
                Engine.getEngine("PyTorch").defaultDevice());
    }

    /**
     * As {@link #open(Path, DataSpec, Split, Resolution, int, int, CacheSpec, Precision)}, on {@code device},
     * with the result cache that {@code caches} gives for the session's key (replicas of one model on
     * several devices share one, so that none evaluates what another already has).
     */
    public static ModelSession open(Path weights, DataSpec data, Split split, Resolution resolution, int batch,
            int loaderThreads, Function<String, ResultCache> caches, Precision precision, Device device) {
        NDManager manager = NDManager.newBaseManager(device);
        LoadedModel model = null;
        try {
            model = LoadedModel.load(weights, manager, precision);
            TrainSettings trained = model.meta().map(m -> m.settings()).orElse(null);
            Resolution size = Resolution.forModel(resolution, model);
            int height = size.height();
            int width = size.width();
            SampleSource source;
            Optional<String> dataNote;
            if (data.given() || trained == null) {
                DatasetOptions options = data.options(trained != null ? trained.data().seed() : 0,
                        trained != null ? trained.data().syntheticHeight() : height,
                        trained != null ? trained.data().syntheticWidth() : width);
                dataNote = data.formatNote();
                source = data.open(options);
            } else {
                dataNote = trained.dataset() == null ? Optional.empty()
                        : Optional.of(DataSpec.note(trained.dataset(), trained.format(), "as the checkpoint was trained"));
                source = trained.openData();
            }
            String weightsSha256 = FileHash.sha256(model.file());
            String key = CacheSpec.key(weightsSha256, source.identity(), split, height, width, precision);
            SplitEvaluator evaluator = new SplitEvaluator(model, source, split, height, width, batch, loaderThreads,
                    caches.apply(key), manager, SplitEvaluator.DEFAULT_MEMORY_BUDGET);
            String description = String.format(Locale.ROOT, "%s on %s, %s split (%d images) at %dx%d%s",
                    model.file(), source.describe(), evaluator.splitName(), evaluator.images(), height, width,
                    precision == Precision.F32 ? "" : " in " + precision.cliName());
            SessionSpec spec = new SessionSpec(model.file().toAbsolutePath(), weightsSha256, dataRead(data, trained),
                    split, size, evaluator.images(), batch, loaderThreads, precision);
            return new ModelSession(manager, model, source, evaluator, height, width, description,
                    provenance(manager, model, weightsSha256, source, evaluator), weightsSha256, dataNote, spec);
        } catch (RuntimeException e) {
            if (model != null) {
                model.close();
            }
            manager.close();
            throw e;
        }
    }

    /**
     * The data as read: {@code data} as given, or, where none was named, the folder the checkpoint was
     * trained on, named as the training read it (so that another process can be pointed at a copy of it).
     */
    private static DataSpec dataRead(DataSpec data, TrainSettings trained) {
        if (data.given() || trained == null || trained.dataset() == null) {
            return data.pinned();
        }
        return new DataSpec(trained.dataset().toAbsolutePath(), trained.format() == null ? null
                : trained.format().cliName(), trained.task().cliName(), trained.data().skipBad(),
                trained.data().searchFraction(), trained.data().syntheticTrain(), trained.data().syntheticVal(),
                trained.data().synthetic());
    }

    /**
     * The session's part of a result's provenance: the checkpoint, the data as evaluated and the
     * engine; {@code cuda} and {@code gpuComputeCapability} only on a GPU.
     */
    record SessionProvenance(CheckpointFacts checkpoint, DatasetFacts dataset, String djl, String engine,
            String engineVersion, String device, String dtype, int gpuCount,
            @JsonInclude(JsonInclude.Include.NON_NULL) String cuda,
            @JsonInclude(JsonInclude.Include.NON_NULL) String gpuComputeCapability) {
    }

    record CheckpointFacts(String path, String sha256) {
    }

    record DatasetFacts(String identity, String description, String split, int images) {
    }

    private static ObjectNode provenance(NDManager manager, LoadedModel model, String weightsSha256,
            SampleSource source, SplitEvaluator evaluator) {
        Engine engine = manager.getEngine();
        Device device = manager.getDevice();
        boolean cuda = device.isGpu() && CudaUtils.hasCuda();
        return Json.MAPPER.valueToTree(new SessionProvenance(
                new CheckpointFacts(model.file().toAbsolutePath().toString(), weightsSha256),
                new DatasetFacts(source.identity(), source.describe(), evaluator.splitName(), evaluator.images()),
                Engine.getDjlVersion(), engine.getEngineName(), engine.getVersion(), device.toString(),
                model.model().precision().cliName(), engine.getGpuCount(),
                cuda ? CudaUtils.getCudaVersionString() : null,
                cuda ? CudaUtils.getComputeCapability(device.getDeviceId()) : null));
    }

    /** A line about files skipped as bad ({@code --skip-bad}), if any. */
    public Optional<String> skippedNote() {
        return source.skipped() == 0 ? Optional.empty() : Optional.of("skipped " + source.skipped()
                + " bad files: " + String.join(", ", source.skippedFiles()));
    }

    /** How a dataset folder is read ({@link DataSpec#note}), to print first; empty for the built-in scenes. */
    public Optional<String> dataNote() {
        return dataNote;
    }

    public LoadedModel model() {
        return model;
    }

    public SampleSource source() {
        return source;
    }

    public SplitEvaluator evaluator() {
        return evaluator;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** One line: the checkpoint, the data, the split and its size, the resolution. */
    public String description() {
        return description;
    }

    /** The SHA-256 of the weight file loaded. */
    public String weightsSha256() {
        return weightsSha256;
    }

    /** What this session was opened from: enough to open it again in another process. */
    public SessionSpec spec() {
        return spec;
    }

    /** The checkpoint, data and engine the metric comes from, for the provenance of result files. */
    public ObjectNode provenance() {
        return provenance;
    }

    @Override
    public void close() {
        model.close();
        manager.close();
    }
}
