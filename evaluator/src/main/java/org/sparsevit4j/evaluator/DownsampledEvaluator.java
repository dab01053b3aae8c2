package org.sparsevit4j.evaluator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.Iterator;
import java.util.Objects;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.supernet.data.Batch;
import org.sparsevit4j.supernet.data.BatchLoader;
import org.sparsevit4j.supernet.data.SampleSource;
import org.sparsevit4j.supernet.data.Split;
import org.sparsevit4j.supernet.data.Task;
import org.sparsevit4j.supernet.data.Transform;
import org.sparsevit4j.supernet.train.LoadedModel;

/**
 * The metric of a model run on its input downsampled, the alternative to pruning windows that spends
 * the same MACs on fewer pixels (the paper's comparison with resolution scaling). Each image is
 * resized to the low resolution by the evaluation transform (antialiased, as any other input);
 * segmentation logits come out at that resolution and are upsampled (bilinear) to the label size, so
 * that the metric is computed on the same labels as at full resolution. Classification simply runs at
 * the low resolution.
 *
 * <p>Not cached: the comparison evaluates few resolutions, and the ablation that asks keeps its results.
 */
public final class DownsampledEvaluator {

    /** Interpolation mode 1 of DJL's PyTorch engine: bilinear, corners not aligned (as the segmentation head). */
    private static final int BILINEAR = 1;

    private final LoadedModel model;
    private final SampleSource source;
    private final Split split;
    private final int labelHeight;
    private final int labelWidth;
    private final int batchSize;
    private final int loaderThreads;
    private final NDManager manager;

    /**
     * @param labelHeight rows the labels are scored at (the full resolution)
     * @param labelWidth columns the labels are scored at
     */
    public DownsampledEvaluator(LoadedModel model, SampleSource source, Split split, int labelHeight, int labelWidth,
            int batchSize, int loaderThreads, NDManager manager) {
        this.model = Objects.requireNonNull(model, "model");
        this.source = Objects.requireNonNull(source, "source");
        this.split = Objects.requireNonNull(split, "split");
        this.labelHeight = labelHeight;
        this.labelWidth = labelWidth;
        this.batchSize = batchSize;
        this.loaderThreads = loaderThreads;
        this.manager = Objects.requireNonNull(manager, "manager");
        if (source.task() != model.spec().task() || source.numClasses() != model.spec().numClasses()) {
            throw new InvalidInputException("the model (" + model.spec().task().cliName() + ", "
                    + model.spec().numClasses() + " classes) does not fit " + source.describe());
        }
    }

    /** The metric of {@code config} with the input resized to {@code height x width}. */
    public EvaluationResult evaluate(SparsityConfig config, int height, int width) {
        config.requireMatches(model.spec().arch());
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        long start = System.nanoTime();
        boolean segmentation = source.task() == Task.SEGMENTATION;
        ConfusionMatrix confusion = new ConfusionMatrix(source.numClasses(), source.ignoreIndex());
        long right = 0;
        int images = 0;
        // the labels at full size come from a second pass over the same samples, in the same order
        try (BatchLoader inputs = BatchLoader.eval(source, split, Transform.eval(height, width), batchSize,
                loaderThreads);
                BatchLoader labels = BatchLoader.eval(source, split, Transform.eval(labelHeight, labelWidth), batchSize,
                        loaderThreads)) {
            Iterator<Batch> labelBatches = labels.iterator();
            for (Batch input : inputs) {
                Batch target = labelBatches.next();
                int[] predicted = predict(input, config, segmentation);
                if (segmentation) {
                    confusion.add(predicted, target.masks());
                } else {
                    for (int i = 0; i < input.size(); i++) {
                        right += predicted[i] == input.labels()[i] ? 1 : 0;
                    }
                }
                images += input.size();
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String splitName = split.name().toLowerCase(java.util.Locale.ROOT);
        return segmentation
                ? new EvaluationResult(config, splitName, images, true, Double.NaN, confusion.meanIou(),
                        confusion.pixelAccuracy(), seconds, false)
                : new EvaluationResult(config, splitName, images, false, (double) right / images, Double.NaN,
                        Double.NaN, seconds, false);
    }

    /** Class per label pixel ({@code B·H·W} at the label size) or per image ({@code B}). */
    private int[] predict(Batch batch, SparsityConfig config, boolean segmentation) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray images = scope.create(batch.images(),
                    new Shape(batch.size(), model.spec().arch().inChannels(), batch.height(), batch.width()));
            NDArray logits = model.model().logits(new ParameterStore(scope, false), images, config, false);
            if (segmentation && (batch.height() != labelHeight || batch.width() != labelWidth)) {
                logits = logits.getNDArrayInternal().interpolation(new long[] {labelHeight, labelWidth}, BILINEAR,
                        false);                                                        // (B, K, H, W)
            }
            return logits.argMax(1).toType(DataType.INT32, false).toIntArray();
        }
    }
}
