package org.sparsevit4j.supernet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.SparsityConfig;

/**
 * Swin Transformer image classifier, torchvision's {@code SwinTransformer}: the backbone, a final
 * layer norm, global average pooling and a linear head. With every ratio 0 it computes what
 * torchvision computes for the same weights.
 *
 * <p>{@code forward} returns {@code [logits (B, classes), pooled (B, C)]}, pooled being the
 * features before the head.
 */
public final class SwinClassifier extends CompositeBlock implements SwinModel {

    private final SwinBackbone backbone;
    private final LayerNormLayer norm;
    private final LinearLayer head;

    public SwinClassifier(ArchitectureSpec arch) {
        backbone = addChildBlock("backbone", new SwinBackbone(arch));
        norm = addChildBlock("norm", new LayerNormLayer(arch.finalDim()));
        head = addChildBlock("head", new LinearLayer(arch.finalDim(), arch.numClasses(), true));
    }

    /** Logits and pooled features of {@code images (B, in, H, W)} under {@code config}. */
    public NDList classify(ParameterStore ps, NDArray images, SparsityConfig config, boolean training) {
        try (NDManager scope = NDManager.subManagerOf(images)) {
            scope.tempAttachAll(images);
            NDArray last = norm.apply(ps, backbone.lastStageOutput(ps, images, config, training), training);
            Shape shape = last.getShape();                                                   // (B, H, W, C)
            NDArray pooled = last.reshape(shape.get(0), -1, shape.get(3)).mean(new int[] {1}); // (B, C)
            NDArray logits = head.apply(ps, pooled, training);
            MacRecorder recorder = backbone.macRecorder();
            if (recorder != null) {
                recorder.linear("head", pooled.getShape(), head.out());
            }
            return scope.ret(new NDList(logits, pooled));
        }
    }

    @Override
    public NDArray logits(ParameterStore ps, NDArray images, SparsityConfig config, boolean training) {
        NDList out = classify(ps, images, config, training);
        out.get(1).close();
        return out.get(0);
    }

    @Override
    public boolean segmentation() {
        return false;
    }

    @Override
    public SwinBackbone backbone() {
        return backbone;
    }

    public LayerNormLayer norm() {
        return norm;
    }

    public LinearLayer head() {
        return head;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return classify(ps, inputs.get(0), backbone.sparsityFrom(params), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        return new Shape[] {new Shape(b, head.out()), new Shape(b, head.in())};
    }


    @Override
    public void close() {
        backbone.close();
    }
}
