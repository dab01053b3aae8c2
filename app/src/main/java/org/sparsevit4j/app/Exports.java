package org.sparsevit4j.app;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SparsityConfigJson;
import org.sparsevit4j.search.BuildInfo;
import org.sparsevit4j.supernet.io.DType;
import org.sparsevit4j.supernet.checkpoint.CheckpointMeta;
import org.sparsevit4j.supernet.checkpoint.LoadedModel;
import org.sparsevit4j.supernet.weights.WeightExport;

/**
 * A trained model as one plain safetensors file under torchvision keys, without optimizer state,
 * carrying its sparsity configuration, so that it deploys (and evaluates) at the configuration it
 * was fine-tuned for.
 */
public final class Exports {

    /** Header key of the configuration as {@code {"ratios": ...}} JSON, for tools that know nothing else of ours. */
    public static final String CONFIG_KEY = "sparsevit_config";

    /** What was written: the architecture, the task, the stored type and the configuration recorded. */
    public record Outcome(String arch, String task, String dtype, SparsityConfig config, Path file) {
    }

    private Exports() {
    }

    /**
     * @param config the configuration to record, or null: a fine-tuned model's own, else dense
     * @param dtype stored precision: {@code f32} (exact), {@code f16} or {@code bf16}
     */
    public static Outcome export(Path weights, Path out, Path config, String dtype) {
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
                            m.dataset(), "sparsevit4j " + BuildInfo.version()))
                    .orElse(null);
            Map<String, String> header = new LinkedHashMap<>();
            header.put("format", "pt");
            header.put(CONFIG_KEY, SparsityConfigJson.toJson(sparsity));
            header.put("source", loaded.file().toAbsolutePath().toString());
            if (meta != null) {
                header.put(CheckpointMeta.KEY, meta.toJson());
            }
            WeightExport.write(loaded.model(), out, type, header);
            return new Outcome(loaded.spec().arch().name(), loaded.spec().task().cliName(), dtype, sparsity, out);
        }
    }
}
