package org.sparsevit4j.supernet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.TruncatedNormalInitializer;
import ai.djl.util.PairList;

/**
 * Patch embedding: a {@code p × p} convolution with stride p, then layer norm, channels last.
 * Shapes: {@code (B, in, H, W)} → {@code (B, ⌊H/p⌋, ⌊W/p⌋, C)}.
 */
public final class PatchEmbedding extends CompositeBlock {

    private final int patch;
    private final int inChannels;
    private final int dim;
    private final Parameter weight;
    private final Parameter bias;
    private final LayerNormLayer norm;

    public PatchEmbedding(int patch, int inChannels, int dim) {
        this.patch = patch;
        this.inChannels = inChannels;
        this.dim = dim;
        weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(dim, inChannels, patch, patch))
                .optInitializer(new TruncatedNormalInitializer(0.02f))
                .build());
        bias = addParameter(Parameter.builder()
                .setName("bias")
                .setType(Parameter.Type.BIAS)
                .optShape(new Shape(dim))
                .optInitializer(Initializer.ZEROS)
                .build());
        norm = addChildBlock("norm", new LayerNormLayer(dim));
    }

    /** {@code (B, in, H, W)} → {@code (B, H/p, W/p, C)}. */
    public NDArray apply(ParameterStore ps, NDArray images, boolean training, MacRecorder recorder) {
        NDArray w = ps.getValue(weight, images.getDevice(), training);
        NDArray b = ps.getValue(bias, images.getDevice(), training);
        Shape stride = new Shape(patch, patch);
        NDArray conv = Conv2d.conv2d(images, w, b, stride, new Shape(0, 0), new Shape(1, 1), 1)
                .singletonOrThrow();                                                  // (B, C, H/p, W/p)
        if (recorder != null) {
            recorder.add("patch_embed", conv.getShape().size() * inChannels * patch * patch);
        }
        return norm.apply(ps, conv.transpose(0, 2, 3, 1), training);
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    public LayerNormLayer norm() {
        return norm;
    }

    public int patch() {
        return patch;
    }

    public int dim() {
        return dim;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.singletonOrThrow(), training, null));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(2) / patch, in.get(3) / patch, dim)};
    }

}
