package org.sparsevit4j.supernet.weights;

import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sparsevit4j.supernet.io.DType;
import org.sparsevit4j.supernet.io.NamedTensor;
import org.sparsevit4j.supernet.io.SafetensorsWriter;
import org.sparsevit4j.supernet.model.SwinModel;

/**
 * Writes a model's weights as safetensors under torchvision keys (a segmenter's head under
 * {@code decode_head.*}), atomically.
 */
public final class WeightExport {

    private WeightExport() {
    }

    /**
     * @param dtype F32 (exact), F16 or BF16
     * @param metadata string metadata stored in the header (provenance)
     */
    public static void write(SwinModel model, Path file, DType dtype, Map<String, String> metadata) {
        List<NamedTensor> tensors = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : ParameterNames.of(model).entrySet()) {
            var array = e.getValue().getArray();
            tensors.add(new NamedTensor(e.getKey(), array.getShape().getShape(), array.toFloatArray(), dtype));
        }
        SafetensorsWriter.write(file, tensors, metadata);
    }
}
