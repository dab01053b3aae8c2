package org.sparsevit4j.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The shape of a Swin Transformer backbone and its classification head: everything the supernet
 * needs to build its blocks and the search needs to count MACs, and nothing about weights.
 *
 * <p>Stage {@code s} has {@code depths.get(s)} blocks, {@code heads.get(s)} attention heads and
 * {@code embedDim * 2^s} channels; the feature map of stage 0 is the image downsampled by
 * {@code patchSize}, and each later stage halves it (patch merging).
 *
 * @param name identifier used in messages, e.g. {@code swin_t}
 * @param patchSize stride and kernel of the patch-embedding convolution
 * @param inChannels image channels
 * @param embedDim channels of stage 0
 * @param depths blocks per stage
 * @param heads attention heads per stage
 * @param windowSize side M of the M x M attention window
 * @param mlpRatio MLP hidden width over the stage width
 * @param numClasses outputs of the classification head
 */
public record ArchitectureSpec(
        String name,
        int patchSize,
        int inChannels,
        int embedDim,
        List<Integer> depths,
        List<Integer> heads,
        int windowSize,
        double mlpRatio,
        int numClasses) {

    private static final Map<String, ArchitectureSpec> PRESETS = presets();

    public ArchitectureSpec {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("architecture name must not be blank");
        }
        requirePositive(name, "patchSize", patchSize);
        requirePositive(name, "inChannels", inChannels);
        requirePositive(name, "embedDim", embedDim);
        requirePositive(name, "windowSize", windowSize);
        requirePositive(name, "numClasses", numClasses);
        if (!(mlpRatio > 0) || Double.isInfinite(mlpRatio)) {
            throw new InvalidInputException(
                    name + ": mlpRatio " + mlpRatio + " must be a positive finite number");
        }
        depths = positiveList(name, "depths", depths);
        heads = positiveList(name, "heads", heads);
        if (depths.size() != heads.size()) {
            throw new InvalidInputException(name + ": depths has " + depths.size()
                    + " stages but heads has " + heads.size() + "; they must have the same length");
        }
        for (int s = 0; s < depths.size(); s++) {
            int dim = stageDim(name, embedDim, s);
            if (dim % heads.get(s) != 0) {
                throw new InvalidInputException(name + ": stage " + s + " dim " + dim
                        + " is not divisible by its " + heads.get(s) + " heads");
            }
            if ((int) (dim * mlpRatio) < 1) {
                throw new InvalidInputException(name + ": stage " + s + " mlp hidden width int("
                        + dim + " * " + mlpRatio + ") is 0; it must be at least 1");
            }
        }
    }

    /** The preset of that name: {@code swin_t}, {@code swin_s} or {@code swin_b} (ImageNet-1k head). */
    public static ArchitectureSpec preset(String name) {
        ArchitectureSpec spec = PRESETS.get(name);
        if (spec == null) {
            throw new InvalidInputException("unknown architecture \"" + name + "\"; known: "
                    + String.join(", ", PRESETS.keySet()));
        }
        return spec;
    }

    /** Names accepted by {@link #preset(String)}, smallest model first. */
    public static List<String> presetNames() {
        return List.copyOf(PRESETS.keySet());
    }

    /** The same backbone with a head of {@code classes} outputs (fine-tuning on another dataset). */
    public ArchitectureSpec withNumClasses(int classes) {
        return new ArchitectureSpec(name, patchSize, inChannels, embedDim, depths, heads,
                windowSize, mlpRatio, classes);
    }

    /**
     * Whether {@code other} has the same layers: patch size, input channels, embedding width, depths,
     * heads, window and MLP ratio. Names and class counts aside (a preset's name says nothing about a
     * file, and the head is not the backbone); {@code swin_s} and {@code swin_b} share their depths and
     * differ here.
     */
    public boolean sameLayers(ArchitectureSpec other) {
        return patchSize == other.patchSize && inChannels == other.inChannels && embedDim == other.embedDim
                && depths.equals(other.depths) && heads.equals(other.heads) && windowSize == other.windowSize
                && mlpRatio == other.mlpRatio;
    }

    /** {@code swin_t (embed 96, depths [2, 2, 6, 2], heads [3, 6, 12, 24], window 7)}: the layers, for messages. */
    public String describeLayers() {
        return name + " (patch " + patchSize + ", embed " + embedDim + ", depths " + depths + ", heads " + heads
                + ", window " + windowSize + ", mlp ratio " + mlpRatio + ")";
    }

    public int numStages() {
        return depths.size();
    }

    public int depth(int stage) {
        return depths.get(Objects.checkIndex(stage, numStages()));
    }

    public int heads(int stage) {
        return heads.get(Objects.checkIndex(stage, numStages()));
    }

    /** Channels of a stage: {@code embedDim * 2^stage}. */
    public int dim(int stage) {
        return embedDim << Objects.checkIndex(stage, numStages());
    }

    /** MLP hidden width, truncated like torchvision's {@code int(dim * mlp_ratio)}. */
    public int mlpHidden(int stage) {
        return (int) (dim(stage) * mlpRatio);
    }

    public int totalBlocks() {
        return depths.stream().mapToInt(Integer::intValue).sum();
    }

    /** Channels entering the head: the dim of the last stage. */
    public int finalDim() {
        return dim(numStages() - 1);
    }

    /** The number of attention windows (over the padded map) of each stage for a {@code height x width} image. */
    public int[] windowsPerStage(int height, int width) {
        return stageSizes(height, width).stream()
                .mapToInt(size -> WindowGrid.numWindows(size.height(), size.width(), windowSize))
                .toArray();
    }

    /**
     * The feature-map size each stage runs on for a {@code height x width} image. Stage 0 is
     * {@code floor(height / patchSize) x floor(width / patchSize)} (a stride-patch convolution
     * drops the remainder); each later stage is {@code ceil(h / 2) x ceil(w / 2)} because patch
     * merging pads an odd map by one row or column first.
     */
    public List<FeatureSize> stageSizes(int height, int width) {
        if (height < patchSize || width < patchSize) {
            throw new InvalidInputException("input " + height + "x" + width
                    + " is smaller than the " + patchSize + "x" + patchSize + " patch of " + name);
        }
        List<FeatureSize> sizes = new ArrayList<>(numStages());
        int h = height / patchSize;
        int w = width / patchSize;
        for (int s = 0; s < numStages(); s++) {
            if (s > 0) {
                h = Math.ceilDiv(h, 2);
                w = Math.ceilDiv(w, 2);
            }
            sizes.add(new FeatureSize(h, w));
        }
        return List.copyOf(sizes);
    }

    private static int stageDim(String name, int embedDim, int stage) {
        if (stage >= 31 || (long) embedDim << stage > Integer.MAX_VALUE) {
            throw new InvalidInputException(name + ": stage " + stage + " dim " + embedDim
                    + " * 2^" + stage + " does not fit in an int; use fewer stages");
        }
        return embedDim << stage;
    }

    private static void requirePositive(String name, String field, int value) {
        if (value <= 0) {
            throw new InvalidInputException(name + ": " + field + " " + value + " must be positive");
        }
    }

    private static List<Integer> positiveList(String name, String field, List<Integer> values) {
        if (values == null || values.isEmpty()) {
            throw new InvalidInputException(name + ": " + field + " must list at least one stage");
        }
        for (int s = 0; s < values.size(); s++) {
            Integer v = values.get(s);
            if (v == null || v <= 0) {
                throw new InvalidInputException(
                        name + ": " + field + "[" + s + "] " + v + " must be positive");
            }
        }
        return List.copyOf(values);
    }

    private static Map<String, ArchitectureSpec> presets() {
        Map<String, ArchitectureSpec> m = new LinkedHashMap<>();
        // small enough to train in minutes on a CPU: tests, the demo, the built-in dataset
        m.put("swin_micro", new ArchitectureSpec("swin_micro", 4, 3, 32,
                List.of(2, 2, 2, 2), List.of(1, 2, 4, 8), 7, 4.0, 1000));
        m.put("swin_t", new ArchitectureSpec("swin_t", 4, 3, 96,
                List.of(2, 2, 6, 2), List.of(3, 6, 12, 24), 7, 4.0, 1000));
        m.put("swin_s", new ArchitectureSpec("swin_s", 4, 3, 96,
                List.of(2, 2, 18, 2), List.of(3, 6, 12, 24), 7, 4.0, 1000));
        m.put("swin_b", new ArchitectureSpec("swin_b", 4, 3, 128,
                List.of(2, 2, 18, 2), List.of(4, 8, 16, 32), 7, 4.0, 1000));
        return m;
    }
}
