package org.sparsevit4j.supernet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.SparsityConfig;

/**
 * Semantic segmentation: the pruned Swin backbone with a {@link SegmentationHead} over all its
 * stages. {@code forward} returns {@code [logits (B, K, H, W)]}.
 */
public final class SwinSegmenter extends CompositeBlock implements SwinModel {

    /** Default width of the decoder. */
    public static final int DEFAULT_DECODER_DIM = 128;

    private final SwinBackbone backbone;
    private final SegmentationHead head;

    /** A segmenter whose classes are the architecture's {@code numClasses}. */
    public SwinSegmenter(ArchitectureSpec arch, int decoderDim) {
        backbone = addChildBlock("backbone", new SwinBackbone(arch));
        head = addChildBlock("decode_head", new SegmentationHead(arch, decoderDim, arch.numClasses()));
    }

    @Override
    public NDArray logits(ParameterStore ps, NDArray images, SparsityConfig config, boolean training) {
        try (NDManager scope = NDManager.subManagerOf(images)) {
            scope.tempAttachAll(images);
            Shape shape = images.getShape();
            List<NDArray> stages = backbone.stageOutputs(ps, images, config, training);
            NDArray logits = head.forward(ps, new NDList(stages), training, PassContext.with(null,
                    PassContext.OUTPUT_SIZE, new int[] {(int) shape.get(2), (int) shape.get(3)})).singletonOrThrow();
            return scope.ret(logits);
        }
    }

    @Override
    public boolean segmentation() {
        return true;
    }

    @Override
    public SwinBackbone backbone() {
        return backbone;
    }

    public SegmentationHead head() {
        return head;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(logits(ps, inputs.get(0), backbone.sparsityFrom(params), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), head.numClasses(), in.get(2), in.get(3))};
    }


    @Override
    public void close() {
        backbone.close();
    }
}
