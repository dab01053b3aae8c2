package org.sparsevit4j.supernet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.StopRequest;

/**
 * The Swin Transformer backbone with window activation pruning: patch embedding, then per stage
 * the blocks ({@link SwinStage}) and, between stages, dense patch merging.
 *
 * <p>The sparsity configuration is an argument of each pass ({@link #stageOutputs}); for DJL's
 * {@code forward}, it comes from the {@code "sparsity"} entry of the params or else from
 * {@link #setSparsity} (dense by default), so a trainer can switch it every step.
 *
 * <p>Shapes: images {@code (B, in, H, W)} → per stage {@code (B, H_s, W_s, C_s)}.
 */
public final class SwinBackbone extends CompositeBlock implements AutoCloseable {

    /** Key of a {@link SparsityConfig} in the params of {@code forward}. */
    public static final String SPARSITY_PARAM = "sparsity";

    private final ArchitectureSpec arch;
    private final PatchEmbedding embedding;
    private final List<SwinStage> stages;
    private final List<PatchMerging> mergings;
    private final WindowLayouts layouts;
    private volatile SparsityConfig sparsity;
    private volatile MacRecorder recorder;
    private volatile ForwardObserver observer;

    public SwinBackbone(ArchitectureSpec arch) {
        this.arch = Objects.requireNonNull(arch, "arch");
        embedding = addChildBlock("patch_embed", new PatchEmbedding(arch.patchSize(), arch.inChannels(), arch.embedDim()));
        List<SwinStage> stageList = new ArrayList<>();
        List<PatchMerging> mergingList = new ArrayList<>();
        for (int s = 0; s < arch.numStages(); s++) {
            stageList.add(addChildBlock("stage" + s, new SwinStage(s, arch.depth(s), arch.dim(s), arch.heads(s),
                    arch.windowSize(), arch.mlpHidden(s))));
            if (s + 1 < arch.numStages()) {
                mergingList.add(addChildBlock("merging" + s, new PatchMerging(s, arch.dim(s))));
            }
        }
        stages = Collections.unmodifiableList(stageList);
        mergings = Collections.unmodifiableList(mergingList);
        layouts = new WindowLayouts(arch.windowSize());
        sparsity = SparsityConfig.dense(arch);
    }

    /**
     * The output of every stage (before merging) for a batch of images under a configuration.
     *
     * @param images {@code (B, in, H, W)} floating point (cast to the model's {@link #precision}), H and W at
     *     least the patch size
     * @param config one ratio per block of this architecture
     * @return one {@code (B, H_s, W_s, C_s)} array per stage, attached to the images' manager
     */
    public List<NDArray> stageOutputs(ParameterStore ps, NDArray images, SparsityConfig config, boolean training) {
        return run(ps, images, config, training, true);
    }

    /**
     * The output of the last stage only, {@code (B, H_last, W_last, C_last)}: the earlier stages never
     * leave their window layout, since patch merging reads it directly. What a classifier needs.
     */
    public NDArray lastStageOutput(ParameterStore ps, NDArray images, SparsityConfig config, boolean training) {
        List<NDArray> out = run(ps, images, config, training, false);
        return out.get(out.size() - 1);
    }

    /** The stages' outputs: every one, or (with {@code everyStage} false) the last one only. */
    private List<NDArray> run(ParameterStore ps, NDArray images, SparsityConfig config, boolean training,
            boolean everyStage) {
        // every pass starts here: a stop asked for by a signal is honoured before entering libtorch
        // again, never in the middle of a pass (StopRequest says why)
        StopRequest.checkpoint();
        requireImages(images);
        config.requireMatches(arch);
        MacRecorder rec = recorder;
        ForwardObserver watcher = observer;
        List<NDArray> outputs = new ArrayList<>(stages.size());
        DataType type = precision().dataType();
        NDArray input = images.getDataType() == type ? images : images.toType(type, false);
        NDArray x = embedding.apply(ps, input, training, rec);
        if (watcher != null) {
            watcher.partDone("patch_embed", x);
        }
        Shape map = x.getShape();
        WindowLayout layout = layouts.of(Math.toIntExact(map.get(1)), Math.toIntExact(map.get(2)), x.getDevice(), type);
        NDArray state = stages.get(0).enter(x, layout, watcher);
        for (int s = 0; s < stages.size(); s++) {
            int[] levels = new int[arch.depth(s)];
            for (int j = 0; j < levels.length; j++) {
                levels[j] = config.level(s, j);
            }
            state = stages.get(s).run(ps, state, levels, layout, layouts, training, rec, watcher);
            boolean last = s == stages.size() - 1;
            if (everyStage || last) {
                outputs.add(stages.get(s).exit(state, layout, watcher));
            }
            if (!last) {
                WindowLayout next = layouts.of((layout.height() + 1) / 2, (layout.width() + 1) / 2, x.getDevice(), type);
                state = mergings.get(s).applyWindows(ps, state, next, layouts.merge(layout, next, x.getDevice()),
                        training, rec);
                if (watcher != null) {
                    watcher.partDone("merging " + s, state);
                }
                layout = next;
            }
        }
        return outputs;
    }

    private void requireImages(NDArray images) {
        Shape shape = images.getShape();
        if (shape.dimension() != 4 || shape.get(1) != arch.inChannels()) {
            throw new InvalidInputException("input has shape " + shape + "; " + arch.name() + " needs (batch, "
                    + arch.inChannels() + ", height, width)");
        }
        if (shape.get(2) < arch.patchSize() || shape.get(3) < arch.patchSize()) {
            throw new InvalidInputException("input of " + shape.get(2) + "x" + shape.get(3) + " pixels is smaller than "
                    + arch.name() + "'s patch of " + arch.patchSize());
        }
        if (!images.getDataType().isFloating()) {
            throw new InvalidInputException("input is " + images.getDataType() + "; the model takes floating-point images");
        }
    }

    /** The type the parameters (and so the activations) are in; the input is cast to it. */
    public Precision precision() {
        return Precision.of(embedding.weight().getArray().getDataType());
    }

    /** The configuration a {@code forward} without a {@code "sparsity"} param runs. */
    public void setSparsity(SparsityConfig config) {
        config.requireMatches(arch);
        sparsity = config;
    }

    public SparsityConfig sparsity() {
        return sparsity;
    }

    /** Attaches a recorder of executed MACs (tests and diagnostics), or detaches with null. */
    public void setMacRecorder(MacRecorder recorder) {
        this.recorder = recorder;
    }

    /** Attaches an observer of the parts of each pass (profiling, window pictures), or detaches with null. */
    public void setObserver(ForwardObserver observer) {
        this.observer = observer;
    }

    /** The configuration in {@code params}, else the one set on this backbone. */
    SparsityConfig sparsityFrom(PairList<String, Object> params) {
        if (params != null) {
            Object value = params.get(SPARSITY_PARAM);
            if (value instanceof SparsityConfig config) {
                return config;
            }
        }
        return sparsity;
    }

    MacRecorder macRecorder() {
        return recorder;
    }

    public ArchitectureSpec arch() {
        return arch;
    }

    public PatchEmbedding embedding() {
        return embedding;
    }

    public List<SwinStage> stages() {
        return stages;
    }

    public List<PatchMerging> mergings() {
        return mergings;
    }

    /** Layouts cached so far (one per feature-map size seen). */
    public WindowLayouts layouts() {
        return layouts;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray images = inputs.get(0);
        try (NDManager scope = NDManager.subManagerOf(images)) {
            scope.tempAttachAll(images);
            NDList out = new NDList(stageOutputs(ps, images, sparsityFrom(params), training));
            return scope.ret(out);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long b = in.get(0);
        var sizes = arch.stageSizes(Math.toIntExact(in.get(2)), Math.toIntExact(in.get(3)));
        Shape[] out = new Shape[sizes.size()];
        for (int s = 0; s < out.length; s++) {
            out[s] = new Shape(b, sizes.get(s).height(), sizes.get(s).width(), arch.dim(s));
        }
        return out;
    }


    /** Frees the cached window layouts; the parameters belong to the model's manager. */
    @Override
    public void close() {
        layouts.close();
    }
}
