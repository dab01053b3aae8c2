package org.sparsevit4j.supernet.checkpoint;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Objects;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.supernet.data.Task;
import org.sparsevit4j.supernet.model.Precision;
import org.sparsevit4j.supernet.model.SwinClassifier;
import org.sparsevit4j.supernet.model.SwinModel;
import org.sparsevit4j.supernet.model.SwinSegmenter;

/**
 * Everything needed to rebuild a trained model before its weights are loaded: the backbone, the
 * task and its classes, and the segmentation decoder's width.
 *
 * @param arch the backbone; its {@code numClasses} is the number of classes
 * @param task classification or segmentation
 * @param classNames a name per class
 * @param decoderDim width of the segmentation decoder (unused for classification)
 */
public record ModelSpec(ArchitectureSpec arch, Task task, List<String> classNames, int decoderDim) {

    public ModelSpec {
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(task, "task");
        classNames = List.copyOf(classNames);
        if (classNames.size() != arch.numClasses()) {
            throw new InvalidInputException(classNames.size() + " class names for " + arch.numClasses() + " classes");
        }
        if (decoderDim < 1) {
            throw new InvalidInputException("decoder width " + decoderDim + " must be positive");
        }
    }

    /** A new, uninitialized model of this shape. */
    public SwinModel create() {
        return task == Task.SEGMENTATION ? new SwinSegmenter(arch, decoderDim) : new SwinClassifier(arch);
    }

    /**
     * A new model of this shape in {@code precision} on {@code manager}, with the random values training
     * starts from (drawn in float32, then cast): what latency is timed on when no weights are given.
     */
    public SwinModel newModel(NDManager manager, Precision precision) {
        Shape input = new Shape(1, arch.inChannels(), 224, 224);
        SwinModel model = create();
        try {
            if (precision == Precision.F32) {
                model.initialize(manager, DataType.FLOAT32, input);
                return model;
            }
            precision.initialize(model, manager, input);
            try (NDManager scope = manager.newSubManager(); SwinModel values = create()) {
                values.initialize(scope, DataType.FLOAT32, input);
                Precision.copyValues(values, model);
            }
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    public int numClasses() {
        return arch.numClasses();
    }
}
