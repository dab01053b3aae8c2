package org.sparsevit4j.supernet.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SparsityConfigJson;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.supernet.data.DatasetFormat;
import org.sparsevit4j.supernet.data.DatasetOptions;
import org.sparsevit4j.supernet.data.SyntheticKind;
import org.sparsevit4j.supernet.data.Task;

/**
 * What a checkpoint says about itself, stored as JSON under the {@value #KEY} metadata key of
 * its safetensors file: the model to rebuild, the configuration a fine-tuned model runs (so it
 * knows its sparsity), and the trainer's state and settings (so a run resumes from its folder).
 *
 * @param kind {@code supernet} (SAA) or {@code finetune}
 * @param model the model's shape
 * @param sparsity the fine-tuned configuration, or null for a supernet
 * @param step optimizer steps completed
 * @param samplerState state of the SAA configuration sampler
 * @param settings the run's settings
 * @param dataset identity of the training data
 * @param tool the program that wrote it
 */
public record CheckpointMeta(String kind, ModelSpec model, SparsityConfig sparsity, long step, long samplerState,
        TrainSettings settings, String dataset, String tool) {

    /** Metadata key of the JSON. */
    public static final String KEY = "sparsevit";
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("kind", kind);
        ObjectNode m = root.putObject("model");
        m.set("arch", archJson(model.arch()));
        m.put("task", model.task().cliName());
        ArrayNode names = m.putArray("class_names");
        model.classNames().forEach(names::add);
        m.put("decoder_dim", model.decoderDim());
        root.set("sparsity", sparsity == null ? null : parse(SparsityConfigJson.toJson(sparsity)));
        root.put("step", step);
        root.put("sampler_state", samplerState);
        root.set("settings", settingsJson(settings));
        root.put("dataset", dataset);
        root.put("tool", tool);
        return root.toString();
    }

    /** Parses the JSON of a checkpoint; {@code source} names the file in errors. */
    public static CheckpointMeta parse(String json, String source) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root.path("format").asInt() != FORMAT) {
                throw new InvalidInputException(source + ": checkpoint format " + root.path("format")
                        + " is not the supported " + FORMAT);
            }
            JsonNode m = root.get("model");
            List<String> names = new ArrayList<>();
            m.get("class_names").forEach(n -> names.add(n.asText()));
            ModelSpec model = new ModelSpec(arch(m.get("arch")), Task.parse(m.get("task").asText()), names,
                    m.get("decoder_dim").asInt());
            JsonNode s = root.get("sparsity");
            SparsityConfig sparsity = s == null || s.isNull() ? null : SparsityConfigJson.parse(s.toString(), source);
            return new CheckpointMeta(root.get("kind").asText(), model, sparsity, root.get("step").asLong(),
                    root.get("sampler_state").asLong(), settings(root.get("settings"), source),
                    root.path("dataset").asText(), root.path("tool").asText());
        } catch (JsonProcessingException | NullPointerException e) {
            throw new InvalidInputException(source + ": the checkpoint's metadata is damaged (" + e.getClass().getSimpleName()
                    + ")");
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode archJson(ArchitectureSpec a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", a.name());
        n.put("patch_size", a.patchSize());
        n.put("in_channels", a.inChannels());
        n.put("embed_dim", a.embedDim());
        a.depths().forEach(n.putArray("depths")::add);
        a.heads().forEach(n.putArray("heads")::add);
        n.put("window_size", a.windowSize());
        n.put("mlp_ratio", a.mlpRatio());
        n.put("num_classes", a.numClasses());
        return n;
    }

    static ArchitectureSpec arch(JsonNode n) {
        List<Integer> depths = new ArrayList<>();
        n.get("depths").forEach(d -> depths.add(d.asInt()));
        List<Integer> heads = new ArrayList<>();
        n.get("heads").forEach(h -> heads.add(h.asInt()));
        return new ArchitectureSpec(n.get("name").asText(), n.get("patch_size").asInt(), n.get("in_channels").asInt(),
                n.get("embed_dim").asInt(), depths, heads, n.get("window_size").asInt(), n.get("mlp_ratio").asDouble(),
                n.get("num_classes").asInt());
    }

    private static ObjectNode settingsJson(TrainSettings t) {
        ObjectNode n = JSON.createObjectNode();
        n.put("arch", t.arch());
        n.put("task", t.task().cliName());
        n.put("dataset", t.dataset() == null ? null : t.dataset().toString());
        n.put("dataset_format", t.format() == null ? null : t.format().cliName());
        ObjectNode d = n.putObject("data");
        d.put("seed", t.data().seed());
        d.put("search_fraction", t.data().searchFraction());
        d.put("skip_bad", t.data().skipBad());
        d.put("synthetic_height", t.data().syntheticHeight());
        d.put("synthetic_width", t.data().syntheticWidth());
        d.put("synthetic_train", t.data().syntheticTrain());
        d.put("synthetic_val", t.data().syntheticVal());
        d.put("synthetic", t.data().synthetic().cliName());
        n.put("height", t.height());
        n.put("width", t.width());
        n.put("batch_size", t.batchSize());
        n.put("steps", t.steps());
        n.put("max_minutes", t.maxMinutes());
        n.put("learning_rate", t.learningRate());
        n.put("min_learning_rate", t.minLearningRate());
        n.put("warmup_steps", t.warmupSteps());
        n.put("weight_decay", t.weightDecay());
        n.put("clip_norm", t.clipNorm());
        n.put("seed", t.seed());
        n.put("checkpoint_every", t.checkpointEvery());
        n.put("sandwich", t.sandwich());
        n.put("granularity", t.granularity().id());
        n.set("fixed_config", t.fixedConfig() == null ? null : parse(SparsityConfigJson.toJson(t.fixedConfig())));
        n.put("init_weights", t.initWeights() == null ? null : t.initWeights().toString());
        n.put("decoder_dim", t.decoderDim());
        n.put("loader_threads", t.loaderThreads());
        n.put("class_weights", t.loss().classWeights().cliName());
        n.put("ohem", t.loss().ohem());
        return n;
    }

    private static TrainSettings settings(JsonNode n, String source) {
        JsonNode d = n.get("data");
        DatasetOptions data = new DatasetOptions(d.get("seed").asLong(), d.get("search_fraction").asDouble(),
                d.get("skip_bad").asBoolean(), d.get("synthetic_height").asInt(), d.get("synthetic_width").asInt(),
                d.get("synthetic_train").asInt(), d.get("synthetic_val").asInt(),
                // checkpoints from before the benchmark existed were trained on the easy scenes
                SyntheticKind.parse(d.path("synthetic").asText(SyntheticKind.EASY.cliName())));
        JsonNode fixed = n.get("fixed_config");
        Path dataset = path(n.get("dataset"));
        return new TrainSettings(n.get("arch").asText(), Task.parse(n.get("task").asText()), dataset,
                dataset == null ? null : format(n.get("dataset_format")), data, n.get("height").asInt(),
                n.get("width").asInt(), n.get("batch_size").asInt(),
                n.get("steps").asLong(), n.get("max_minutes").asDouble(), n.get("learning_rate").asDouble(),
                n.get("min_learning_rate").asDouble(), n.get("warmup_steps").asLong(), n.get("weight_decay").asDouble(),
                n.get("clip_norm").asDouble(), n.get("seed").asLong(), n.get("checkpoint_every").asInt(),
                n.get("sandwich").asBoolean(), Granularity.parse(n.get("granularity").asText()),
                fixed == null || fixed.isNull() ? null : SparsityConfigJson.parse(fixed.toString(), source),
                path(n.get("init_weights")), n.get("decoder_dim").asInt(), n.get("loader_threads").asInt(),
                // checkpoints from before the loss had options trained with the plain cross-entropy
                new SegmentationLoss(SegmentationLoss.ClassWeights.parse(n.path("class_weights").asText("none")),
                        n.path("ohem").asBoolean(false)));
    }

    /** Checkpoints from before the public datasets name no format: their folders were ours. */
    private static DatasetFormat format(JsonNode n) {
        return n == null || n.isNull() ? DatasetFormat.FOLDERS : DatasetFormat.parse(n.asText());
    }

    private static Path path(JsonNode n) {
        return n == null || n.isNull() ? null : Path.of(n.asText());
    }
}
