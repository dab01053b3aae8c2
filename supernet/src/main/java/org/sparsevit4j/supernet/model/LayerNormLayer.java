package org.sparsevit4j.supernet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * Layer normalization over the last axis with affine weight and bias, eps 1e-5 (PyTorch's and
 * torchvision's default), with its width fixed at construction.
 */
public final class LayerNormLayer extends AbstractBlock {

    private static final float EPS = 1e-5f;

    private final int dim;
    private final Shape normalized;
    private final Parameter weight;
    private final Parameter bias;

    public LayerNormLayer(int dim) {
        this.dim = dim;
        normalized = new Shape(dim);
        weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.GAMMA)
                .optShape(normalized)
                .optInitializer(Initializer.ONES)
                .build());
        bias = addParameter(Parameter.builder()
                .setName("bias")
                .setType(Parameter.Type.BETA)
                .optShape(normalized)
                .optInitializer(Initializer.ZEROS)
                .build());
    }

    /** Normalizes {@code x (..., dim)} over its last axis. */
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray b = ps.getValue(bias, x.getDevice(), training);
        return LayerNorm.layerNorm(x, normalized, w, b, EPS).singletonOrThrow();
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    public int dim() {
        return dim;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
