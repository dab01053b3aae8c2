package org.sparsevit4j.cli;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SparsityConfigJson;
import org.sparsevit4j.supernet.io.NamedTensor;
import org.sparsevit4j.supernet.io.SafetensorsReader;
import org.sparsevit4j.supernet.io.SafetensorsWriter;
import org.sparsevit4j.supernet.io.TensorInfo;
import org.sparsevit4j.supernet.model.SwinClassifier;
import org.sparsevit4j.supernet.weights.SwinWeights;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sparsevit forward}: runs imported weights on a tensor and writes the outputs, so that a
 * user can hold an import against their PyTorch outputs.
 */
@Command(name = "forward", mixinStandardHelpOptions = true,
        description = "Run a Swin on the tensor 'input' (NCHW float) of a safetensors file; write 'logits' and "
                + "'pooled' (the features before the head) to another.")
public final class ForwardCommand implements Callable<Integer> {

    private static final String INPUT = "input";

    @Spec
    CommandSpec spec;

    @Option(names = "--weights", required = true, paramLabel = "FILE",
            description = "Weights (safetensors; torchvision or timm keys; F32, F16 or BF16).")
    Path weights;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "Safetensors file with a tensor named 'input', shape (batch, channels, height, width).")
    Path input;

    @Option(names = "--config", paramLabel = "FILE", description = "Sparsity configuration JSON (default: dense).")
    Path config;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Safetensors file to write.")
    Path output;

    @Mixin
    ArchOption arch;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() {
        OutputPaths.requireWritableFile(output, "--output");
        float[] images;
        long[] shape;
        try (SafetensorsReader reader = SafetensorsReader.open(input)) {
            if (!reader.contains(INPUT)) {
                throw new InvalidInputException(input + ": no tensor named '" + INPUT + "' (it has "
                        + String.join(", ", reader.names()) + ")");
            }
            TensorInfo info = reader.info(INPUT);
            shape = info.shape();
            if (shape.length != 4) {
                throw new InvalidInputException(input + ": 'input' has shape " + Arrays.toString(shape)
                        + "; expected (batch, channels, height, width)");
            }
            if (!info.dtype().isFloatingPoint()) {
                throw new InvalidInputException(input + ": 'input' is " + info.dtype() + "; expected a float type");
            }
            images = reader.readFloats(INPUT);
        }
        threads.apply();
        try (SwinWeights file = SwinWeights.open(weights); NDManager manager = NDManager.newBaseManager()) {
            ArchitectureSpec spec = architecture(file);
            SparsityConfig cfg = config == null ? SparsityConfig.dense(spec) : SparsityConfigJson.read(config, spec);
            try (SwinClassifier model = file.newModel(manager, spec)) {
                NDList out = model.classify(new ParameterStore(manager, false), manager.create(images, new Shape(shape)),
                        cfg, false);
                SafetensorsWriter.write(output, List.of(
                        new NamedTensor("logits", out.get(0).getShape().getShape(), out.get(0).toFloatArray()),
                        new NamedTensor("pooled", out.get(1).getShape().getShape(), out.get(1).toFloatArray())),
                        Map.of("arch", spec.name(), "ratios", cfg.compact(), "weights", weights.toString(),
                                "tool", "sparsevit " + SparsevitCommand.version()));
            }
        }
        spec.commandLine().getErr().println("wrote " + output);
        return 0;
    }

    /** {@code --arch} with the weights' classes, or the architecture the weights' shapes describe. */
    private ArchitectureSpec architecture(SwinWeights file) {
        ArchitectureSpec inferred = file.inferArchitecture();
        return arch.given() ? arch.orDefault(null).withNumClasses(inferred.numClasses()) : inferred;
    }
}
