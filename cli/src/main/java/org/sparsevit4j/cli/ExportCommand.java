package org.sparsevit4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sparsevit4j.app.Exports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sparsevit export}: a trained model as one plain safetensors file ({@link Exports}). */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a trained model (a checkpoint or a run folder) as one safetensors file under torchvision "
                + "keys, without optimizer state, with its sparsity configuration and provenance in the header.")
public final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--weights", required = true, paramLabel = "FILE|RUN", description = "The model: a checkpoint or a training run folder.")
    Path weights;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The safetensors file to write.")
    Path out;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The configuration to record (default: the one a fine-tuned model was trained at, else dense).")
    Path config;

    @Option(names = "--dtype", paramLabel = "f32|f16|bf16", defaultValue = "f32",
            description = "Stored precision (f32 is exact). Default: ${DEFAULT-VALUE}.")
    String dtype;

    @Override
    public Integer call() {
        Exports.Outcome o = Exports.export(weights, out, config, dtype);
        spec.commandLine().getOut().printf(Locale.ROOT, "exported %s (%s, %s, configuration %s) to %s%n", o.arch(),
                o.task(), o.dtype(), o.config().compact(), o.file());
        return 0;
    }
}
