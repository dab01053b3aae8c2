package org.sparsevit4j.supernet.weights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.InvalidInputException;

/**
 * Reads a Swin architecture off the shapes of its weights (torchvision keys): the patch
 * convolution gives patch size, input channels and embedding width; the blocks present give the
 * depths; a relative position table {@code ((2M−1)², heads)} gives window and heads; the first
 * MLP gives the MLP ratio; the head gives the classes. A preset's name is used when the result
 * equals that preset.
 */
final class ArchitectureInference {

    private ArchitectureInference() {
    }

    static ArchitectureSpec infer(Map<String, long[]> shapes, String source) {
        long[] conv = require(shapes, "features.0.0.weight", 4, source);
        int embed = (int) conv[0];
        int inChannels = (int) conv[1];
        int patch = (int) conv[2];
        List<Integer> depths = new ArrayList<>();
        List<Integer> heads = new ArrayList<>();
        int window = -1;
        for (int s = 0; shapes.containsKey(blockKey(s, 0, "norm1.weight")); s++) {
            int depth = 0;
            while (shapes.containsKey(blockKey(s, depth, "norm1.weight"))) {
                depth++;
            }
            depths.add(depth);
            long[] table = require(shapes, blockKey(s, 0, "attn.relative_position_bias_table"), 2, source);
            int span = (int) Math.round(Math.sqrt(table[0]));
            if (span * span != table[0] || span % 2 == 0) {
                throw new InvalidInputException(source + ": " + blockKey(s, 0, "attn.relative_position_bias_table")
                        + " has " + table[0] + " rows, not (2M-1)^2 for a window M");
            }
            int stageWindow = (span + 1) / 2;
            if (window != -1 && window != stageWindow) {
                throw new InvalidInputException(source + ": stages use windows " + window + " and " + stageWindow
                        + "; one window size is supported");
            }
            window = stageWindow;
            heads.add((int) table[1]);
        }
        if (depths.isEmpty()) {
            throw new InvalidInputException(source + ": no Swin blocks (features.1.0.norm1.weight is missing)");
        }
        long[] fc1 = require(shapes, blockKey(0, 0, "mlp.0.weight"), 2, source);
        double mlpRatio = (double) fc1[0] / embed;
        long[] head = require(shapes, "head.weight", 2, source);
        ArchitectureSpec spec = new ArchitectureSpec("swin(embed " + embed + ", depths " + depths + ")", patch,
                inChannels, embed, depths, heads, window, mlpRatio, (int) head[0]);
        for (String name : ArchitectureSpec.presetNames()) {
            ArchitectureSpec preset = ArchitectureSpec.preset(name).withNumClasses(spec.numClasses());
            if (preset.sameLayers(spec)) {
                return preset;
            }
        }
        return spec;
    }

    private static String blockKey(int stage, int block, String rest) {
        return "features." + (2 * stage + 1) + "." + block + "." + rest;
    }

    private static long[] require(Map<String, long[]> shapes, String key, int rank, String source) {
        long[] shape = shapes.get(key);
        if (shape == null) {
            throw new InvalidInputException(source + ": cannot infer the architecture: " + key + " is missing");
        }
        if (shape.length != rank) {
            throw new InvalidInputException(source + ": " + key + " has shape " + Arrays.toString(shape)
                    + "; expected " + rank + " dimensions");
        }
        return shape;
    }
}
