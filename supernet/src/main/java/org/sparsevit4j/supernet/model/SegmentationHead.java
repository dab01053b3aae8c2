package org.sparsevit4j.supernet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.sparsevit4j.core.ArchitectureSpec;

/**
 * A SegFormer-style all-MLP decoder over every stage of the backbone: each stage's output is
 * normalized, projected to D channels and upsampled (bilinear) to the first stage's size; the
 * concatenation is fused to D channels (linear, layer norm, ReLU) and classified per pixel; the
 * logits are upsampled to the input size. Layer norm instead of SegFormer's batch norm keeps the
 * head independent of the batch, which is small on a CPU.
 *
 * <p>Shapes: stage outputs {@code (B, H_s, W_s, C_s)} → logits {@code (B, K, H, W)}.
 */
public final class SegmentationHead extends CompositeBlock {

    /** Interpolation mode 1 of DJL's PyTorch engine: bilinear, corners not aligned. */
    private static final int BILINEAR = 1;

    private final List<LayerNormLayer> stageNorms;
    private final List<LinearLayer> projections;
    private final LinearLayer fuse;
    private final LayerNormLayer fuseNorm;
    private final LinearLayer classifier;
    private final int numClasses;

    /**
     * @param arch the backbone, for its stage widths
     * @param embed D, the decoder's width
     * @param numClasses K
     */
    public SegmentationHead(ArchitectureSpec arch, int embed, int numClasses) {
        this.numClasses = numClasses;
        List<LayerNormLayer> norms = new ArrayList<>();
        List<LinearLayer> projs = new ArrayList<>();
        for (int s = 0; s < arch.numStages(); s++) {
            norms.add(addChildBlock("stage_norm" + s, new LayerNormLayer(arch.dim(s))));
            projs.add(addChildBlock("proj" + s, new LinearLayer(arch.dim(s), embed, true)));
        }
        stageNorms = Collections.unmodifiableList(norms);
        projections = Collections.unmodifiableList(projs);
        fuse = addChildBlock("fuse", new LinearLayer(arch.numStages() * embed, embed, false));
        fuseNorm = addChildBlock("fuse_norm", new LayerNormLayer(embed));
        classifier = addChildBlock("classifier", new LinearLayer(embed, numClasses, true));
    }

    /**
     * Per-pixel logits {@code (B, K, H, W)}: {@code inputs} holds the backbone's stage outputs
     * {@code (B, H_s, W_s, C_s)}, {@code params} the input's size {@code {H, W}}.
     */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        int[] size = (int[]) PassContext.required(params, PassContext.OUTPUT_SIZE, "segmentation head");
        int height = size[0];
        int width = size[1];
        List<NDArray> stages = inputs;
        Shape first = stages.get(0).getShape();
        long[] firstSize = {first.get(1), first.get(2)};
        NDList upsampled = new NDList(stages.size());
        for (int s = 0; s < stages.size(); s++) {
            NDArray x = projections.get(s).apply(ps, stageNorms.get(s).apply(ps, stages.get(s), training), training);
            x = x.transpose(0, 3, 1, 2);                                                // (B, D, H_s, W_s)
            upsampled.add(resize(x, firstSize));
        }
        NDArray fused = NDArrays.concat(upsampled, 1).transpose(0, 2, 3, 1);           // (B, H_0, W_0, S·D)
        fused = Activation.relu(fuseNorm.apply(ps, fuse.apply(ps, fused, training), training));
        NDArray logits = classifier.apply(ps, fused, training).transpose(0, 3, 1, 2);  // (B, K, H_0, W_0)
        return new NDList(resize(logits, new long[] {height, width}));
    }

    private static NDArray resize(NDArray nchw, long[] size) {
        Shape shape = nchw.getShape();
        if (shape.get(2) == size[0] && shape.get(3) == size[1]) {
            return nchw;
        }
        // DJL's public API has no bilinear resize of NCHW batches (NDImageUtils.resize takes HWC images), so
        // the engine's interpolation, which is PyTorch's F.interpolate(align_corners=False), is called directly
        return nchw.getNDArrayInternal().interpolation(size, BILINEAR, false);
    }

    public List<LayerNormLayer> stageNorms() {
        return stageNorms;
    }

    public List<LinearLayer> projections() {
        return projections;
    }

    public LinearLayer fuse() {
        return fuse;
    }

    public LayerNormLayer fuseNorm() {
        return fuseNorm;
    }

    public LinearLayer classifier() {
        return classifier;
    }

    public int numClasses() {
        return numClasses;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), numClasses, in.get(2), in.get(3))};
    }

}
