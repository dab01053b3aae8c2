package org.sparsevit4j.supernet.weights;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sparsevit4j.core.InvalidInputException;

/**
 * The key conventions of Swin weight files this project reads, and their translation to
 * torchvision's keys, the names the model uses.
 *
 * <ul>
 *   <li>{@link #TORCHVISION}: {@code features.1.0.attn.qkv.weight}, …</li>
 *   <li>{@link #TIMM}: {@code layers.0.blocks.0.attn.qkv.weight}, {@code mlp.fc1}/{@code fc2},
 *       {@code patch_embed.proj}/{@code norm}; the patch merging is {@code layers.s.downsample}
 *       after stage s before timm 0.9 and {@code layers.(s+1).downsample} since, and the head
 *       {@code head} or {@code head.fc}. Both layouts are recognised from the keys.</li>
 * </ul>
 * Buffers that are not parameters ({@code relative_position_index}, timm's {@code attn_mask})
 * are recognised and skipped.
 */
public enum WeightNaming {
    TORCHVISION,
    TIMM;

    private static final Pattern TIMM_BLOCK = Pattern.compile("layers\\.(\\d+)\\.blocks\\.(\\d+)\\.(.+)");
    private static final Pattern TIMM_DOWNSAMPLE = Pattern.compile("layers\\.(\\d+)\\.downsample\\.(.+)");

    /** Whether {@code key} names a buffer that weight files may carry but the model computes itself. */
    public static boolean isBuffer(String key) {
        return key.endsWith(".relative_position_index") || key.endsWith(".attn_mask");
    }

    /** The convention of a file with these keys; one-line error if it is neither. */
    public static WeightNaming detect(Set<String> keys, String source) {
        boolean torchvision = keys.stream().anyMatch(k -> k.startsWith("features."));
        boolean timm = keys.stream().anyMatch(k -> k.startsWith("layers.") || k.startsWith("patch_embed."));
        if (torchvision == timm) {
            throw new InvalidInputException(source + ": cannot tell the key naming: expected torchvision keys "
                    + "(features.0.0.weight, ...) or timm keys (patch_embed.proj.weight, layers.0.blocks.0..., ...)");
        }
        return torchvision ? TORCHVISION : TIMM;
    }

    /**
     * Torchvision key of each file key (buffers left out), in file order. Keys that fit no rule
     * map to themselves, so that the importer reports them as unexpected.
     */
    public Map<String, String> toTorchvision(Iterable<String> fileKeys) {
        Map<String, String> out = new LinkedHashMap<>();
        boolean downsampleAfterStage = false;
        for (String key : fileKeys) {
            if (key.equals("layers.0.downsample.reduction.weight")) {
                downsampleAfterStage = true; // timm < 0.9: stage 0 owns the merging that follows it
            }
        }
        for (String key : fileKeys) {
            if (!isBuffer(key)) {
                out.put(key, this == TORCHVISION ? key : fromTimm(key, downsampleAfterStage));
            }
        }
        return out;
    }

    private static String fromTimm(String key, boolean downsampleAfterStage) {
        if (key.startsWith("patch_embed.proj.")) {
            return "features.0.0." + key.substring("patch_embed.proj.".length());
        }
        if (key.startsWith("patch_embed.norm.")) {
            return "features.0.2." + key.substring("patch_embed.norm.".length());
        }
        if (key.startsWith("head.fc.")) {
            return "head." + key.substring("head.fc.".length());
        }
        Matcher block = TIMM_BLOCK.matcher(key);
        if (block.matches()) {
            int stage = Integer.parseInt(block.group(1));
            String rest = block.group(3).replace("mlp.fc1.", "mlp.0.").replace("mlp.fc2.", "mlp.3.");
            return "features." + (2 * stage + 1) + "." + block.group(2) + "." + rest;
        }
        Matcher downsample = TIMM_DOWNSAMPLE.matcher(key);
        if (downsample.matches()) {
            int owner = Integer.parseInt(downsample.group(1));
            int after = downsampleAfterStage ? owner : owner - 1;
            return "features." + (2 * after + 2) + "." + downsample.group(2);
        }
        return key; // norm.*, head.* and anything unknown
    }
}
