package org.sparsevit4j.app;

import java.nio.file.Path;
import java.util.List;
import org.sparsevit4j.supernet.data.Split;

/**
 * The metric of configurations of one model on one split.
 *
 * @param weights checkpoint, run folder or torchvision/timm file
 * @param data the data (none named: the checkpoint's own)
 * @param split the split evaluated
 * @param resolution evaluation size, or null for the model's
 * @param batch images per pass
 * @param loaderThreads decoding threads
 * @param cache where results are kept across runs
 * @param dtype inference precision: {@code f32}, {@code f16} or {@code bf16}; null for f32
 * @param configs configuration files
 * @param uniform uniform ratios; with no configuration at all, the model's own configuration
 */
public record EvaluateRequest(Path weights, DataSpec data, Split split, Resolution resolution, int batch,
        int loaderThreads, CacheSpec cache, String dtype, List<Path> configs, List<Double> uniform) {

    public EvaluateRequest {
        configs = List.copyOf(configs);
        uniform = List.copyOf(uniform);
    }
}
