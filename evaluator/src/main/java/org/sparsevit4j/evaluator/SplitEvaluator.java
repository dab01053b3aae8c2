package org.sparsevit4j.evaluator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.supernet.data.Batch;
import org.sparsevit4j.supernet.data.BatchLoader;
import org.sparsevit4j.supernet.data.NativeMask;
import org.sparsevit4j.supernet.data.SampleSource;
import org.sparsevit4j.supernet.data.Split;
import org.sparsevit4j.supernet.data.Task;
import org.sparsevit4j.supernet.data.Transform;
import org.sparsevit4j.supernet.checkpoint.LoadedModel;

/**
 * The metric of a model under sparsity configurations on one split of a dataset: top-1 for
 * classification, mIoU, per-class IoU and pixel accuracy for segmentation. Batched, without
 * gradients.
 *
 * <p>Images are resized to the evaluation resolution (the model's), and a segmentation is scored
 * at the resolution of each label file: the logits of each image are resized back (bilinear,
 * corners not aligned) to its label's size and the class is their argmax there, as mmseg scores.
 * Labels of any size thus count every pixel once, and images of different sizes share a batch.
 * The confusion matrix sums over the whole split before any ratio is taken (mmseg's total areas).
 *
 * <p>A search evaluates hundreds of configurations on the same images, so the split is decoded
 * once and kept (within a memory budget; a larger split is decoded again for every
 * configuration): evaluating then costs about what the forward passes cost. Results go through
 * a {@link ResultCache}, so a configuration evaluated before, in this run or an earlier one, is
 * not evaluated again.
 */
public final class SplitEvaluator {

    /**
     * The version of what an evaluation computes, part of every cache key: raise it whenever a
     * change to the model code, the data's decoding or the metric could change a result, so that a
     * cache never serves results of older code. 2: segmentation scored at label resolution, with
     * per-class IoU.
     */
    public static final int EVALUATION_SEMANTICS = 2;

    /** Decoded images kept in memory at most, by default. */
    public static final long DEFAULT_MEMORY_BUDGET = 2L << 30;

    private final LoadedModel model;
    private final SampleSource source;
    private final Split split;
    private final Transform transform;
    private final int batchSize;
    private final int loaderThreads;
    private final ResultCache cache;
    private final NDManager manager;
    private final long memoryBudget;
    private List<Batch> decoded;
    private boolean fitsBudget = true;

    /**
     * @param model the model to evaluate
     * @param source the dataset; its task and classes must be the model's
     * @param split the split to evaluate on
     * @param height evaluation resolution, rows
     * @param width evaluation resolution, columns
     * @param batchSize images per forward pass
     * @param loaderThreads decoding threads
     * @param cache where results are kept
     * @param manager where the passes' arrays live (each pass in its own sub-scope)
     * @param memoryBudget bytes of decoded images kept between evaluations
     */
    public SplitEvaluator(LoadedModel model, SampleSource source, Split split, int height, int width, int batchSize,
            int loaderThreads, ResultCache cache, NDManager manager, long memoryBudget) {
        this.model = Objects.requireNonNull(model, "model");
        this.source = Objects.requireNonNull(source, "source");
        this.split = Objects.requireNonNull(split, "split");
        this.transform = Transform.eval(height, width);
        this.batchSize = batchSize;
        this.loaderThreads = loaderThreads;
        this.cache = Objects.requireNonNull(cache, "cache");
        this.manager = Objects.requireNonNull(manager, "manager");
        this.memoryBudget = memoryBudget;
        if (batchSize < 1) {
            throw new InvalidInputException("--batch " + batchSize + " must be at least 1");
        }
        if (source.task() != model.spec().task()) {
            throw new InvalidInputException("the model is for " + model.spec().task().cliName() + " but "
                    + source.describe() + " is " + source.task().cliName());
        }
        if (source.numClasses() != model.spec().numClasses()) {
            throw new InvalidInputException("the model has " + model.spec().numClasses() + " classes but "
                    + source.describe() + " has " + source.numClasses());
        }
        if (source.size(split) == 0) {
            throw new InvalidInputException(source.describe() + ": the " + splitName() + " split is empty");
        }
    }

    /** The split's name as results report it. */
    public String splitName() {
        return split.name().toLowerCase(Locale.ROOT);
    }

    /** Whether the metric is per pixel (mIoU) rather than per image (top-1). */
    public boolean isSegmentation() {
        return source.task() == Task.SEGMENTATION;
    }

    /** Images in the split. */
    public int images() {
        return source.size(split);
    }

    /** Whether {@code config} is already known (no forward pass needed). */
    public boolean isCached(SparsityConfig config) {
        return cache.get(config).isPresent();
    }

    /**
     * Keeps {@code result}, computed elsewhere (another process or machine) by an evaluator of the same
     * model, data, split and resolution, as if it had been evaluated here; afterwards it is served from
     * the cache like any other.
     *
     * @throws IllegalArgumentException if it is of another split, size or task than this evaluator's
     */
    public void remember(EvaluationResult result) {
        result.config().requireMatches(model.spec().arch());
        if (!result.split().equals(splitName()) || result.images() != images()
                || result.segmentation() != isSegmentation()) {
            throw new IllegalArgumentException("a result of " + result.split() + " (" + result.images() + " images"
                    + (result.segmentation() ? ", segmentation" : ", classification") + ") cannot stand for one of " + splitName() + " (" + images() + " images) evaluated here");
        }
        cache.put(result);
    }

    /** The metrics of {@code config}, from the cache when known. */
    public EvaluationResult evaluate(SparsityConfig config) {
        config.requireMatches(model.spec().arch());
        var known = cache.get(config);
        if (known.isPresent()) {
            return known.get();
        }
        // grad mode is per thread in PyTorch; a caller's thread may not have it off
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            long start = System.nanoTime();
            boolean segmentation = source.task() == Task.SEGMENTATION;
            ConfusionMatrix confusion = new ConfusionMatrix(source.numClasses(), source.ignoreIndex());
            long[] right = {0};
            int[] images = {0};
            forEachBatch(batch -> {
                if (segmentation) {
                    score(batch, config, confusion);
                } else {
                    int[] predicted = classify(batch, config);
                    for (int i = 0; i < batch.size(); i++) {
                        right[0] += predicted[i] == batch.labels()[i] ? 1 : 0;
                    }
                }
                images[0] += batch.size();
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            EvaluationResult result = segmentation
                    ? new EvaluationResult(config, splitName(), images[0], true, Double.NaN, confusion.meanIou(),
                            confusion.pixelAccuracy(), confusion.classIou(), seconds, false)
                    : new EvaluationResult(config, splitName(), images[0], false, (double) right[0] / images[0],
                            Double.NaN, Double.NaN, List.of(), seconds, false);
            cache.put(result);
            return result;
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /** The class of each image. */
    private int[] classify(Batch batch, SparsityConfig config) {
        try (NDManager scope = manager.newSubManager()) {
            return logits(scope, batch, config).argMax(1).toType(DataType.INT32, false).toIntArray();
        }
    }

    /** Adds each image's prediction at its label's resolution to {@code confusion}. */
    private void score(Batch batch, SparsityConfig config, ConfusionMatrix confusion) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray logits = logits(scope, batch, config);                                  // (B, K, h, w)
            for (int i = 0; i < batch.size(); i++) {
                NativeMask target = batch.nativeMasks().get(i);
                confusion.add(PixelClasses.atLabelSize(logits.get(i), target.height(), target.width()), target);
            }
        }
    }

    private NDArray logits(NDManager scope, Batch batch, SparsityConfig config) {
        NDArray images = scope.create(batch.images(),
                new Shape(batch.size(), model.spec().arch().inChannels(), batch.height(), batch.width()));
        return model.model().logits(new ParameterStore(scope, false), images, config, false);
    }

    /**
     * Runs {@code action} on the split's batches: those kept from an earlier pass, or a fresh pass
     * that keeps them when they fit the memory budget (counted as they come, since labels differ
     * in size) and stops keeping them, for good, when they do not.
     */
    private void forEachBatch(Consumer<Batch> action) {
        if (decoded != null) {
            decoded.forEach(action);
            return;
        }
        List<Batch> kept = fitsBudget ? new ArrayList<>() : null;
        long bytes = 0;
        try (BatchLoader loader = BatchLoader.eval(source, split, transform, batchSize, loaderThreads)) {
            for (Batch batch : loader) {
                action.accept(batch);
                if (kept != null) {
                    bytes += batch.bytes();
                    if (bytes > memoryBudget) {
                        kept = null;
                        fitsBudget = false;
                    } else {
                        kept.add(batch);
                    }
                }
            }
        }
        decoded = kept;
    }
}
