package org.sparsevit4j.cli;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SparsityConfigJson;
import org.sparsevit4j.supernet.io.DType;
import org.sparsevit4j.supernet.train.CheckpointMeta;
import org.sparsevit4j.supernet.train.LoadedModel;
import org.sparsevit4j.supernet.weights.WeightExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sparsevit export}: a trained model as one plain safetensors file under torchvision keys,
 * without optimizer state, carrying its sparsity configuration, so that it deploys (and
 * evaluates) at the configuration it was fine-tuned for.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a trained model (a checkpoint or a run folder) as one safetensors file under torchvision "
                + "keys, without optimizer state, with its sparsity configuration and provenance in the header.")
public final class ExportCommand implements Callable<Integer> {

    /** Header key of the configuration as {@code {"ratios": ...}} JSON, for tools that know nothing else of ours. */
    static final String CONFIG_KEY = "sparsevit_config";

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
        OutputPaths.requireWritableFile(out, "--out");
        DType type = switch (dtype.strip().toLowerCase(Locale.ROOT)) {
            case "f32" -> DType.F32;
            case "f16" -> DType.F16;
            case "bf16" -> DType.BF16;
            default -> throw new InvalidInputException("--dtype " + dtype + " is not one of f32, f16, bf16");
        };
        try (NDManager manager = NDManager.newBaseManager(); LoadedModel loaded = LoadedModel.load(weights, manager)) {
            SparsityConfig sparsity = config == null ? loaded.ownSparsity()
                    : SparsityConfigJson.read(config, loaded.spec().arch());
            CheckpointMeta meta = loaded.meta()
                    .map(m -> new CheckpointMeta("export", m.model(), sparsity, m.step(), m.samplerState(), m.settings(),
                            m.dataset(), "sparsevit4j " + SparsevitCommand.version()))
                    .orElse(null);
            Map<String, String> header = new LinkedHashMap<>();
            header.put("format", "pt");
            header.put(CONFIG_KEY, SparsityConfigJson.toJson(sparsity));
            header.put("source", loaded.file().toAbsolutePath().toString());
            if (meta != null) {
                header.put(CheckpointMeta.KEY, meta.toJson());
            }
            WeightExport.write(loaded.model(), out, type, header);
            spec.commandLine().getOut().printf(Locale.ROOT, "exported %s (%s, %s, configuration %s) to %s%n",
                    loaded.spec().arch().name(), loaded.spec().task().cliName(), dtype, sparsity.compact(), out);
        }
        return 0;
    }
}
