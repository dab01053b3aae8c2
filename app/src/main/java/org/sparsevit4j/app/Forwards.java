package org.sparsevit4j.app;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SparsityConfigJson;
import org.sparsevit4j.search.BuildInfo;
import org.sparsevit4j.supernet.io.NamedTensor;
import org.sparsevit4j.supernet.io.SafetensorsReader;
import org.sparsevit4j.supernet.io.SafetensorsWriter;
import org.sparsevit4j.supernet.io.TensorInfo;
import org.sparsevit4j.supernet.model.SwinClassifier;
import org.sparsevit4j.supernet.weights.SwinWeights;

/**
 * Imported weights run on a tensor, the outputs written, so that a user can hold an import against
 * their PyTorch outputs.
 */
public final class Forwards {

    private static final String INPUT = "input";

    private Forwards() {
    }

    /**
     * Runs the classifier of {@code weights} on the tensor {@code input} of {@code inputFile} under
     * {@code config} (null: dense) and writes {@code logits} and {@code pooled} to {@code output}.
     *
     * @param arch a preset whose layers the weights have (its class count is the file's), or null to
     *     read the architecture off the weights
     */
    public static void run(Path weights, Path inputFile, Path config, Path output, String arch) {
        OutputPaths.requireWritableFile(output, "--output");
        float[] images;
        long[] shape;
        try (SafetensorsReader reader = SafetensorsReader.open(inputFile)) {
            if (!reader.contains(INPUT)) {
                throw new InvalidInputException(inputFile + ": no tensor named '" + INPUT + "' (it has "
                        + String.join(", ", reader.names()) + ")");
            }
            TensorInfo info = reader.info(INPUT);
            shape = info.shape();
            if (shape.length != 4) {
                throw new InvalidInputException(inputFile + ": 'input' has shape " + Arrays.toString(shape)
                        + "; expected (batch, channels, height, width)");
            }
            if (!info.dtype().isFloatingPoint()) {
                throw new InvalidInputException(inputFile + ": 'input' is " + info.dtype() + "; expected a float type");
            }
            images = reader.readFloats(INPUT);
        }
        try (SwinWeights file = SwinWeights.open(weights); NDManager manager = NDManager.newBaseManager()) {
            ArchitectureSpec inferred = file.inferArchitecture();
            ArchitectureSpec spec = arch != null ? ArchitectureSpec.preset(arch).withNumClasses(inferred.numClasses())
                    : inferred;
            SparsityConfig cfg = config == null ? SparsityConfig.dense(spec) : SparsityConfigJson.read(config, spec);
            try (SwinClassifier model = file.newModel(manager, spec)) {
                NDList out = model.classify(new ParameterStore(manager, false), manager.create(images, new Shape(shape)),
                        cfg, false);
                SafetensorsWriter.write(output, List.of(
                        new NamedTensor("logits", out.get(0).getShape().getShape(), out.get(0).toFloatArray()),
                        new NamedTensor("pooled", out.get(1).getShape().getShape(), out.get(1).toFloatArray())),
                        Map.of("arch", spec.name(), "ratios", cfg.compact(), "weights", weights.toString(),
                                "tool", "sparsevit " + BuildInfo.version()));
            }
        }
    }
}
