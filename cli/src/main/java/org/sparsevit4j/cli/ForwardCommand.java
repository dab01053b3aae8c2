package org.sparsevit4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sparsevit4j.app.Forwards;
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

    @Option(names = "--arch", paramLabel = "NAME",
            description = "Architecture preset the weights are (default: read off their shapes).")
    String arch;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() {
        threads.apply();
        Forwards.run(weights, input, config, output, arch);
        spec.commandLine().getErr().println("wrote " + output);
        return 0;
    }
}
