package org.sparsevit4j.supernet.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The built-in dataset, which needs no files: generated scenes of one {@link SyntheticKind}.
 *
 * <ul>
 *   <li>{@code benchmark} ({@link BenchmarkGenerator}): 4 to 16 small objects, mostly in clusters,
 *       among grey clutter, whose six classes ({@code red-light, green-light, blue-light, red-dark,
 *       green-dark, blue-dark}) are a fill hue and the tone of a rim a few pixels wide, so that a pixel
 *       inside an object needs context to be told: made so that skipping windows costs accuracy and
 *       which layers skip matters;</li>
 *   <li>{@code easy} ({@link SceneGenerator}): "sparse scenes", two to six objects ({@code disc,
 *       square, triangle, ring, cross, diamond}) told apart by colour, outline and texture on a muted
 *       background, 6–14% of the pixels; every configuration solves them, which makes them a quick
 *       smoke test.</li>
 * </ul>
 *
 * <p>Classes: segmentation has {@code background} (0) and the object classes (1..6);
 * classification has the object classes alone (0..5), and an image's label is the object class
 * covering the most pixels (ties: the lower class). An easy scene holds each class at most once and
 * draws its first object with at least 1.6 times the area of any other, so its label is never a
 * close call; a benchmark scene is meant for segmentation, and its label can be.
 *
 * <p>Splits: the training pool has {@code syntheticTrain} scenes and the search split is carved
 * out of it like a folder's ({@link Split#TRAIN} is the rest); {@link Split#VAL} has
 * {@code syntheticVal} scenes drawn from a separate stream. Each scene is a pure function of (seed,
 * pool or val, index) through a counter-based generator, so any sample can be made on any thread
 * in any order. A 672x672 scene takes a few milliseconds.
 */
public final class SyntheticScenes implements SampleSource {

    /** The ignore index of segmentation masks (only padding added by a transform carries it). */
    public static final int IGNORE_INDEX = 255;

    private static final long POOL_STREAM = 1;
    private static final long VAL_STREAM = 2;

    private final Task task;
    private final DatasetOptions options;
    private final SplitLayout layout;
    private final List<String> classNames;

    public SyntheticScenes(Task task, DatasetOptions options) {
        this.task = Objects.requireNonNull(task, "task");
        this.options = Objects.requireNonNull(options, "options");
        this.layout = new SplitLayout(options.syntheticTrain(), options.syntheticVal(), options.searchFraction(),
                options.seed(), "synthetic scenes");
        List<String> names = new ArrayList<>();
        if (task == Task.SEGMENTATION) {
            names.add("background");
        }
        names.addAll(options.synthetic().objectClasses());
        this.classNames = List.copyOf(names);
    }

    /** Native rows of a scene. */
    public int nativeHeight() {
        return options.syntheticHeight();
    }

    /** Native columns of a scene. */
    public int nativeWidth() {
        return options.syntheticWidth();
    }

    @Override
    public Task task() {
        return task;
    }

    @Override
    public int numClasses() {
        return classNames.size();
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public int ignoreIndex() {
        return IGNORE_INDEX;
    }

    @Override
    public int size(Split split) {
        return layout.size(split);
    }

    @Override
    public Sample load(Split split, int index, Transform transform, long augmentSeed) {
        Objects.requireNonNull(transform, "transform");
        int item = layout.itemOf(split, index);
        long stream = split == Split.VAL ? VAL_STREAM : POOL_STREAM;
        RenderedScene scene = options.synthetic().render(Seeds.derive(options.seed(), Seeds.SCENE, stream, item),
                options.syntheticHeight(), options.syntheticWidth());
        if (task == Task.CLASSIFICATION) {
            return TransformPipeline.apply(scene.image(), null, scene.dominantClass() - 1, IGNORE_INDEX, transform,
                    augmentSeed);
        }
        return TransformPipeline.apply(scene.image(), scene.mask(), -1, IGNORE_INDEX, transform, augmentSeed);
    }

    @Override
    public String sampleName(Split split, int index) {
        int item = layout.itemOf(split, index);
        return split == Split.VAL ? "synthetic val #" + item : "synthetic train pool #" + item;
    }

    @Override
    public String identity() {
        return options.synthetic().identityPrefix() + " task=" + task.cliName() + " seed=" + options.seed()
                + " size=" + options.syntheticHeight() + "x" + options.syntheticWidth()
                + " train=" + options.syntheticTrain() + " val=" + options.syntheticVal()
                + " search=" + options.searchFraction();
    }

    @Override
    public String describe() {
        return "built-in " + options.synthetic().cliName() + " scenes (" + task.cliName() + ", " + numClasses()
                + " classes, " + options.syntheticHeight() + "x" + options.syntheticWidth() + ", train " + size(Split.TRAIN)
                + " / search " + size(Split.SEARCH) + " / val " + size(Split.VAL) + ", seed " + options.seed() + ")";
    }
}
