package org.sparsevit4j.supernet.weights;

import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparsevit4j.supernet.model.LayerNormLayer;
import org.sparsevit4j.supernet.model.LinearLayer;
import org.sparsevit4j.supernet.model.PatchMerging;
import org.sparsevit4j.supernet.model.SegmentationHead;
import org.sparsevit4j.supernet.model.SwinBackbone;
import org.sparsevit4j.supernet.model.SwinBlock;
import org.sparsevit4j.supernet.model.SwinClassifier;
import org.sparsevit4j.supernet.model.SwinModel;
import org.sparsevit4j.supernet.model.SwinSegmenter;
import org.sparsevit4j.supernet.model.SwinStage;

/**
 * The parameters of a model under the keys of this project's weight files: torchvision's
 * state-dict keys for the backbone and the classifier ({@code features.0.0} the patch
 * convolution, {@code features.0.2} its norm, {@code features.(2s+1).j} block j of stage s,
 * {@code features.(2s+2)} the merging after stage s, then {@code norm} and {@code head}), and
 * {@code decode_head.*} for the segmentation head, which torchvision does not have.
 */
public final class ParameterNames {

    /** Prefix of the backbone's keys. */
    public static final String BACKBONE_PREFIX = "features.";

    private ParameterNames() {
    }

    /** Every parameter by key, in state-dict order. */
    public static Map<String, Parameter> of(SwinModel model) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        backbone(out, model.backbone());
        if (model instanceof SwinClassifier classifier) {
            norm(out, "norm", classifier.norm());
            linear(out, "head", classifier.head());
        } else if (model instanceof SwinSegmenter segmenter) {
            SegmentationHead head = segmenter.head();
            for (int s = 0; s < head.projections().size(); s++) {
                norm(out, "decode_head.stage_norms." + s, head.stageNorms().get(s));
                linear(out, "decode_head.proj." + s, head.projections().get(s));
            }
            linear(out, "decode_head.fuse", head.fuse());
            norm(out, "decode_head.fuse_norm", head.fuseNorm());
            linear(out, "decode_head.classifier", head.classifier());
        } else {
            throw new IllegalArgumentException("no parameter names for " + model.getClass().getName());
        }
        return out;
    }

    private static void backbone(Map<String, Parameter> out, SwinBackbone backbone) {
        out.put("features.0.0.weight", backbone.embedding().weight());
        out.put("features.0.0.bias", backbone.embedding().bias());
        norm(out, "features.0.2", backbone.embedding().norm());
        List<SwinStage> stages = backbone.stages();
        for (int s = 0; s < stages.size(); s++) {
            List<SwinBlock> blocks = stages.get(s).blocks();
            for (int j = 0; j < blocks.size(); j++) {
                SwinBlock block = blocks.get(j);
                String prefix = "features." + (2 * s + 1) + "." + j;
                norm(out, prefix + ".norm1", block.norm1());
                out.put(prefix + ".attn.relative_position_bias_table", block.attention().relativePositionBiasTable());
                linear(out, prefix + ".attn.qkv", block.attention().qkv());
                linear(out, prefix + ".attn.proj", block.attention().proj());
                norm(out, prefix + ".norm2", block.norm2());
                linear(out, prefix + ".mlp.0", block.fc1());
                linear(out, prefix + ".mlp.3", block.fc2());
            }
            if (s < backbone.mergings().size()) {
                PatchMerging merging = backbone.mergings().get(s);
                String prefix = "features." + (2 * s + 2);
                linear(out, prefix + ".reduction", merging.reduction());
                norm(out, prefix + ".norm", merging.norm());
            }
        }
    }

    private static void norm(Map<String, Parameter> out, String prefix, LayerNormLayer norm) {
        out.put(prefix + ".weight", norm.weight());
        out.put(prefix + ".bias", norm.bias());
    }

    private static void linear(Map<String, Parameter> out, String prefix, LinearLayer linear) {
        out.put(prefix + ".weight", linear.weight());
        if (linear.bias() != null) {
            out.put(prefix + ".bias", linear.bias());
        }
    }
}
