package org.sparsevit4j.supernet.checkpoint;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.supernet.data.Task;
import org.sparsevit4j.supernet.model.Precision;
import org.sparsevit4j.supernet.model.SwinModel;
import org.sparsevit4j.supernet.weights.SwinWeights;

/**
 * A model loaded for inference from what {@code --weights} names: a training checkpoint or a
 * run folder (its latest checkpoint), which says what model it holds, or a torchvision/timm
 * weight file, which is read as a classifier whose architecture its shapes describe.
 *
 * @param model the model, its parameters on the manager it was loaded with
 * @param spec its shape, task and classes
 * @param file the file the weights came from
 * @param meta the checkpoint's metadata, if the file is a checkpoint
 */
public record LoadedModel(SwinModel model, ModelSpec spec, Path file, Optional<CheckpointMeta> meta)
        implements AutoCloseable {

    /** Loads {@code weights} (file or run folder) onto {@code manager}, in float32. */
    public static LoadedModel load(Path weights, NDManager manager) {
        return load(weights, manager, Precision.F32);
    }

    /** Loads {@code weights} (file or run folder) onto {@code manager}, cast to {@code precision}. */
    public static LoadedModel load(Path weights, NDManager manager, Precision precision) {
        Path file = Checkpoints.resolve(weights);
        Optional<CheckpointMeta> meta = Checkpoints.meta(file);
        try (SwinWeights tensors = SwinWeights.open(file)) {
            ModelSpec spec = meta.map(CheckpointMeta::model).orElseGet(() -> classifierOf(tensors.inferArchitecture()));
            SwinModel model = spec.create();
            try {
                precision.initialize(model, manager, new Shape(1, spec.arch().inChannels(), 224, 224));
                tensors.loadInto(model);
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
            return new LoadedModel(model, spec, file, meta);
        }
    }

    /** The configuration a fine-tuned checkpoint was trained at, else dense: what the model runs by default. */
    public SparsityConfig ownSparsity() {
        return meta.map(CheckpointMeta::sparsity).orElseGet(() -> SparsityConfig.dense(spec.arch()));
    }

    private static ModelSpec classifierOf(ArchitectureSpec arch) {
        List<String> names = new ArrayList<>(arch.numClasses());
        for (int i = 0; i < arch.numClasses(); i++) {
            names.add("class " + i);
        }
        return new ModelSpec(arch, Task.CLASSIFICATION, names, 1);
    }

    @Override
    public void close() {
        model.close();
    }
}
