package org.sparsevit4j.supernet.checkpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.nio.file.Path;
import java.util.List;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.Json;
import org.sparsevit4j.core.SnakeCaseArchitecture;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.supernet.data.DatasetFormat;
import org.sparsevit4j.supernet.data.DatasetOptions;
import org.sparsevit4j.supernet.data.SyntheticKind;
import org.sparsevit4j.supernet.data.Task;

/**
 * What a checkpoint says about itself, stored as JSON under the {@value #KEY} metadata key of
 * its safetensors file: the model to rebuild, the configuration a fine-tuned model runs (so it
 * knows its sparsity), and the trainer's state and settings (so a run resumes from its folder).
 * The stored form is {@link MetaFile} (snake_case, format {@value #FORMAT}), read strictly through
 * the project's mapper except that a field a later version added may be absent from an older
 * checkpoint (it then takes the value those checkpoints were trained with).
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
    /** Strict, but a field absent from an older checkpoint reads as null (see {@link SettingsEntry#settings}). */
    static final ObjectReader READER = Json.toleratingAbsentFields(MetaFile.class);

    /** The stored form of the metadata. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record MetaFile(Integer format, String kind, ModelEntry model, RatiosEntry sparsity, Long step,
            Long samplerState, SettingsEntry settings, String dataset, String tool) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ModelEntry(SnakeCaseArchitecture arch, String task, List<String> classNames, Integer decoderDim) {

        static ModelEntry of(ModelSpec m) {
            return new ModelEntry(SnakeCaseArchitecture.of(m.arch()), m.task().cliName(), m.classNames(),
                    m.decoderDim());
        }

        ModelSpec spec() {
            return new ModelSpec(arch.spec(), Task.parse(task), classNames, decoderDim);
        }
    }

    /** A configuration as {@code {"ratios": [[...], ...]}}, the form of {@code --config} files. */
    record RatiosEntry(List<List<Double>> ratios) {

        static RatiosEntry of(SparsityConfig config) {
            return config == null ? null : new RatiosEntry(config.ratios());
        }

        static SparsityConfig config(RatiosEntry entry) {
            return entry == null ? null : SparsityConfig.ofRatios(entry.ratios());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DataEntry(Long seed, Double searchFraction, Boolean skipBad, Integer syntheticHeight, Integer syntheticWidth,
            Integer syntheticTrain, Integer syntheticVal, String synthetic) {

        static DataEntry of(DatasetOptions d) {
            return new DataEntry(d.seed(), d.searchFraction(), d.skipBad(), d.syntheticHeight(), d.syntheticWidth(),
                    d.syntheticTrain(), d.syntheticVal(), d.synthetic().cliName());
        }

        DatasetOptions options() {
            // checkpoints from before the benchmark existed were trained on the easy scenes
            return new DatasetOptions(seed, searchFraction, skipBad, syntheticHeight, syntheticWidth, syntheticTrain,
                    syntheticVal, synthetic == null ? SyntheticKind.EASY : SyntheticKind.parse(synthetic));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record SettingsEntry(String arch, String task, Path dataset, String datasetFormat, DataEntry data, Integer height,
            Integer width, Integer batchSize, Long steps, Double maxMinutes, Double learningRate,
            Double minLearningRate, Long warmupSteps, Double weightDecay, Double clipNorm, Long seed,
            Integer checkpointEvery, Boolean sandwich, Granularity granularity, RatiosEntry fixedConfig,
            Path initWeights, Integer decoderDim, Integer loaderThreads, String classWeights, Boolean ohem,
            Double distill) {

        static SettingsEntry of(TrainSettings t) {
            return new SettingsEntry(t.arch(), t.task().cliName(), t.dataset(),
                    t.format() == null ? null : t.format().cliName(), DataEntry.of(t.data()), t.height(), t.width(),
                    t.batchSize(), t.steps(), t.maxMinutes(), t.learningRate(), t.minLearningRate(), t.warmupSteps(),
                    t.weightDecay(), t.clipNorm(), t.seed(), t.checkpointEvery(), t.recipe().sandwich(), t.granularity(),
                    RatiosEntry.of(t.fixedConfig()), t.initWeights(), t.decoderDim(), t.loaderThreads(),
                    t.loss().classWeights().cliName(), t.loss().ohem(),
                    t.recipe().distill());
        }

        TrainSettings settings() {
            // checkpoints from before the public datasets name no format: their folders were ours
            DatasetFormat format = dataset == null ? null
                    : datasetFormat == null ? DatasetFormat.FOLDERS : DatasetFormat.parse(datasetFormat);
            return new TrainSettings(arch, Task.parse(task), dataset, format, data.options(), height, width, batchSize,
                    steps, maxMinutes, learningRate, minLearningRate, warmupSteps, weightDecay, clipNorm, seed,
                    checkpointEvery,
                    // checkpoints from before distillation trained without it
                    new SaaRecipe(sandwich, distill == null ? 0 : distill),
                    granularity, RatiosEntry.config(fixedConfig), initWeights, decoderDim,
                    loaderThreads,
                    // checkpoints from before the loss had options trained with the plain cross-entropy
                    new SegmentationLoss(SegmentationLoss.ClassWeights.parse(classWeights == null ? "none" : classWeights),
                            ohem != null && ohem));
        }
    }

    public String toJson() {
        return Json.compact(file());
    }

    /** The stored form. */
    MetaFile file() {
        return new MetaFile(FORMAT, kind, ModelEntry.of(model), RatiosEntry.of(sparsity), step, samplerState,
                SettingsEntry.of(settings), dataset, tool);
    }

    /** Parses the JSON of a checkpoint; {@code source} names the file in errors. */
    public static CheckpointMeta parse(String json, String source) {
        Object format = Json.format(json, source);
        if (!Integer.valueOf(FORMAT).equals(format)) {
            throw new InvalidInputException(source + ": checkpoint format " + format + " is not the supported " + FORMAT);
        }
        return of(Json.parse(json, READER, source), source);
    }

    /** The metadata a stored form holds; {@code source} names the file in errors. */
    static CheckpointMeta of(MetaFile f, String source) {
        try {
            return new CheckpointMeta(java.util.Objects.requireNonNull(f.kind()), f.model().spec(), RatiosEntry.config(f.sparsity()), f.step(),
                    f.samplerState(), f.settings().settings(), f.dataset(), f.tool());
        } catch (NullPointerException e) {
            // a field that every version wrote is missing
            throw new InvalidInputException(source + ": the checkpoint's metadata is damaged (a field is missing)", e);
        }
    }
}
