package org.sparsevit4j.supernet.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sparsevit4j.core.AtomicFiles;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.supernet.io.NamedTensor;
import org.sparsevit4j.supernet.io.SafetensorsReader;
import org.sparsevit4j.supernet.io.SafetensorsWriter;
import org.sparsevit4j.supernet.model.SwinModel;
import org.sparsevit4j.supernet.weights.ParameterNames;

/**
 * Checkpoint files of a training run: one safetensors file per checkpoint, written atomically,
 * holding the model's parameters (under {@link ParameterNames}), the optimizer's moments (under
 * {@value #OPTIMIZER_PREFIX}) and a {@link CheckpointMeta}. They live in
 * {@code RUN/checkpoints/step-NNNNNNN.safetensors}; the newest is the run's latest state.
 */
public final class Checkpoints {

    /** Folder of the checkpoints inside a run folder. */
    public static final String FOLDER = "checkpoints";
    /** Prefix of the optimizer's tensors in a checkpoint. */
    public static final String OPTIMIZER_PREFIX = "optimizer.";
    private static final Pattern NAME = Pattern.compile("step-(\\d+)\\.safetensors");
    /** Checkpoints kept per run; older ones are deleted once a newer one is safely written. */
    private static final int KEEP = 2;

    private Checkpoints() {
    }

    /** The file of the checkpoint after {@code step} steps in {@code runDir}. */
    public static Path file(Path runDir, long step) {
        return runDir.resolve(FOLDER).resolve(String.format("step-%07d.safetensors", step));
    }

    /** Writes a checkpoint atomically, then deletes all but the newest {@value #KEEP}. */
    public static Path write(Path runDir, SwinModel model, Map<String, NDArray> optimizerState, CheckpointMeta meta) {
        List<NamedTensor> tensors = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : ParameterNames.of(model).entrySet()) {
            NDArray array = e.getValue().getArray();
            tensors.add(new NamedTensor(e.getKey(), array.getShape().getShape(), array.toFloatArray()));
        }
        optimizerState.forEach((key, array) -> tensors.add(
                new NamedTensor(OPTIMIZER_PREFIX + key, array.getShape().getShape(), array.toFloatArray())));
        Path file = file(runDir, meta.step());
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw AtomicFiles.failure(file.getParent(), "cannot create the folder", e);
        }
        SafetensorsWriter.write(file, tensors, Map.of(CheckpointMeta.KEY, meta.toJson(), "format", "pt"));
        prune(runDir);
        return file;
    }

    private static void prune(Path runDir) {
        List<Path> all = list(runDir);
        for (int i = 0; i + KEEP < all.size(); i++) {
            try {
                Files.deleteIfExists(all.get(i));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The checkpoints of a run, oldest first. */
    public static List<Path> list(Path runDir) {
        Path folder = runDir.resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var files = Files.list(folder)) {
            return files.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(Checkpoints::stepOf))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The newest checkpoint of a run, if any. */
    public static Optional<Path> latest(Path runDir) {
        List<Path> all = list(runDir);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * What {@code --weights} names: a file as it is, or a run folder's latest checkpoint.
     */
    public static Path resolve(Path weights) {
        if (!Files.exists(weights)) {
            throw new InvalidInputException(weights + ": no such file or run folder");
        }
        if (Files.isDirectory(weights)) {
            return latest(weights).orElseThrow(() -> new InvalidInputException(weights
                    + ": a folder, but it holds no checkpoint (" + FOLDER + "/step-*.safetensors); give a weight file "
                    + "or the folder of a training run"));
        }
        return weights;
    }

    /** The metadata of a checkpoint, or empty for a weight file that is not one (torchvision, timm). */
    public static Optional<CheckpointMeta> meta(Path file) {
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            String json = reader.metadata().get(CheckpointMeta.KEY);
            return json == null ? Optional.empty() : Optional.of(CheckpointMeta.parse(json, file.toString()));
        }
    }

    /** The optimizer's moments stored in a checkpoint, as arrays on {@code manager}. */
    public static Map<String, NDArray> optimizerState(Path file, NDManager manager) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            for (String name : reader.names()) {
                if (name.startsWith(OPTIMIZER_PREFIX)) {
                    out.put(name.substring(OPTIMIZER_PREFIX.length()),
                            manager.create(reader.readFloats(name), new Shape(reader.info(name).shape())));
                }
            }
        }
        return out;
    }

    private static long stepOf(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
