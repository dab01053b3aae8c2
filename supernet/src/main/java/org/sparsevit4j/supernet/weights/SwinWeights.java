package org.sparsevit4j.supernet.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.supernet.io.SafetensorsReader;
import org.sparsevit4j.supernet.io.TensorInfo;
import org.sparsevit4j.supernet.model.Precision;
import org.sparsevit4j.supernet.model.SwinClassifier;
import org.sparsevit4j.supernet.model.SwinModel;

/**
 * A Swin weight file (safetensors, torchvision or timm keys, F32/F16/BF16) opened for import.
 *
 * <p>Loading is all or nothing: every key and shape is checked against the model before any
 * parameter is written, and a mismatch is one error listing the missing keys, the unexpected
 * keys and the wrong shapes. (DJL itself does not check shapes when it loads parameters.)
 */
public final class SwinWeights implements AutoCloseable {

    private static final int LISTED = 8;
    /** Metadata key and tensor prefix of this project's training checkpoints (see supernet.train). */
    private static final String CHECKPOINT_METADATA = "sparsevit";
    private static final String OPTIMIZER_PREFIX = "optimizer.";

    private final SafetensorsReader reader;
    private final WeightNaming naming;
    /** torchvision key → file key. */
    private final Map<String, String> fileKeys = new LinkedHashMap<>();

    private SwinWeights(SafetensorsReader reader) {
        this.reader = reader;
        String source = reader.file().toString();
        // a training checkpoint also holds the optimizer's state, which is not the model's
        List<String> keys = reader.metadata().containsKey(CHECKPOINT_METADATA)
                ? reader.names().stream().filter(k -> !k.startsWith(OPTIMIZER_PREFIX)).toList()
                : reader.names();
        naming = WeightNaming.detect(new LinkedHashSet<>(keys), source);
        naming.toTorchvision(keys).forEach((file, torchvision) -> {
            String previous = fileKeys.put(torchvision, file);
            if (previous != null) {
                throw new InvalidInputException(source + ": keys " + previous + " and " + file
                        + " both name " + torchvision);
            }
        });
    }

    /** Opens a safetensors weight file; one-line errors for a missing or malformed file. */
    public static SwinWeights open(Path file) {
        SafetensorsReader reader = SafetensorsReader.open(file);
        try {
            return new SwinWeights(reader);
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    public WeightNaming naming() {
        return naming;
    }

    public Path file() {
        return reader.file();
    }

    /** Shape of each tensor under its torchvision key (buffers excluded). */
    public Map<String, long[]> shapes() {
        Map<String, long[]> out = new LinkedHashMap<>();
        fileKeys.forEach((torchvision, file) -> out.put(torchvision, reader.info(file).shape()));
        return out;
    }

    /** The architecture these weights are for, read off their shapes. */
    public ArchitectureSpec inferArchitecture() {
        return ArchitectureInference.infer(shapes(), file().toString());
    }

    /** The values under a torchvision key, as float32. */
    public float[] read(String torchvisionKey) {
        String key = fileKeys.get(torchvisionKey);
        if (key == null) {
            throw new InvalidInputException(file() + ": no tensor for " + torchvisionKey);
        }
        return reader.readFloats(key);
    }

    /**
     * A classifier holding these weights, its parameters on {@code manager}.
     *
     * @param arch the architecture to build, or null to infer it from the weights
     */
    public SwinClassifier newModel(NDManager manager, ArchitectureSpec arch) {
        return newModel(manager, arch, Precision.F32);
    }

    /**
     * A classifier holding these weights cast to {@code precision}, its parameters on {@code manager}.
     *
     * @param arch the architecture to build, or null to infer it from the weights
     */
    public SwinClassifier newModel(NDManager manager, ArchitectureSpec arch, Precision precision) {
        SwinClassifier model = new SwinClassifier(arch != null ? arch : inferArchitecture());
        precision.initialize(model, manager, new Shape(1, model.arch().inChannels(), 224, 224));
        loadInto(model);
        return model;
    }

    /**
     * Writes every parameter of {@code model} from this file, after checking that the file has
     * exactly the model's keys with the model's shapes.
     */
    public void loadInto(SwinModel model) {
        load(model, ParameterNames.of(model), false);
    }

    /**
     * Writes the backbone of {@code model} from this file (a classifier's weights starting a
     * segmenter, or a classifier with other classes), checking every backbone key and shape.
     *
     * @return the file's keys that were not used (the old head), for the log
     */
    public List<String> loadBackboneInto(SwinModel model) {
        Map<String, Parameter> backbone = new LinkedHashMap<>();
        ParameterNames.of(model).forEach((k, p) -> {
            if (k.startsWith(ParameterNames.BACKBONE_PREFIX)) {
                backbone.put(k, p);
            }
        });
        return load(model, backbone, true);
    }

    private List<String> load(SwinModel model, Map<String, Parameter> parameters, boolean backboneOnly) {
        List<String> missing = new ArrayList<>();
        List<String> wrongShape = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            String file = fileKeys.get(e.getKey());
            if (file == null) {
                missing.add(e.getKey());
                continue;
            }
            long[] expected = e.getValue().getArray().getShape().getShape();
            TensorInfo info = reader.info(file);
            if (!Arrays.equals(expected, info.shape())) {
                wrongShape.add(file + " is " + Arrays.toString(info.shape()) + " but " + model.arch().name()
                        + " needs " + Arrays.toString(expected));
            }
        }
        Set<String> unexpected = new LinkedHashSet<>();
        List<String> unused = new ArrayList<>();
        fileKeys.forEach((torchvision, file) -> {
            if (!parameters.containsKey(torchvision)) {
                (backboneOnly && !torchvision.startsWith(ParameterNames.BACKBONE_PREFIX) ? unused : unexpected).add(file);
            }
        });
        if (!missing.isEmpty() || !unexpected.isEmpty() || !wrongShape.isEmpty()) {
            StringBuilder message = new StringBuilder(file() + " does not fit " + model.arch().name() + ":");
            describe(message, "missing", missing);
            describe(message, "unexpected", new ArrayList<>(unexpected));
            describe(message, "wrong shape", wrongShape);
            throw new InvalidInputException(message.toString());
        }
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            assign(e.getValue().getArray(), read(e.getKey()));
        }
        return unused;
    }

    /**
     * Copies values into a parameter in place. Through an index assignment rather than
     * {@code set(Buffer)}, whose native code makes libtorch print a deprecation warning on every
     * load.
     */
    private static void assign(NDArray parameter, float[] values) {
        boolean gradMode = JniUtils.isGradMode(); // an in-place write to a parameter must not be recorded
        JniUtils.setGradMode(false);
        try (NDManager scope = parameter.getManager().newSubManager()) {
            NDArray source = scope.create(values, parameter.getShape());
            // a model loaded in half precision gets its weights rounded here, as torch's .half() rounds them
            parameter.set(new NDIndex("..."), source.toType(parameter.getDataType(), false));
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    private static void describe(StringBuilder message, String what, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        message.append(' ').append(items.size()).append(' ').append(what).append(" (");
        message.append(String.join(", ", items.subList(0, Math.min(LISTED, items.size()))));
        if (items.size() > LISTED) {
            message.append(", and ").append(items.size() - LISTED).append(" more");
        }
        message.append(");");
    }

    @Override
    public void close() {
        reader.close();
    }
}
