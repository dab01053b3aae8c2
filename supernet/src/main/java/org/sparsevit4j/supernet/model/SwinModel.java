package org.sparsevit4j.supernet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.SparsityConfig;

/**
 * A pruned Swin with a task head, as the trainer and the evaluator see it: logits of a batch
 * under a sparsity configuration.
 */
public interface SwinModel extends Block, AutoCloseable {

    /**
     * Logits of {@code images (B, in, H, W)}: {@code (B, K)} for classification,
     * {@code (B, K, H, W)} for segmentation; attached to the images' manager.
     */
    NDArray logits(ParameterStore ps, NDArray images, SparsityConfig config, boolean training);

    /** Whether the logits are per pixel. */
    boolean segmentation();

    SwinBackbone backbone();

    default ArchitectureSpec arch() {
        return backbone().arch();
    }

    /** The type the model computes in. */
    default Precision precision() {
        return backbone().precision();
    }

    @Override
    void close();
}
