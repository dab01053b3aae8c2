package org.sparsevit4j.supernet.weights;

import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparsevit4j.supernet.model.LayerNormLayer;
import org.sparsevit4j.supernet.model.LinearLayer;
import org.sparsevit4j.supernet.model.PatchMerging;
import org.sparsevit4j.supernet.model.SwinBackbone;
import org.sparsevit4j.supernet.model.SwinBlock;
import org.sparsevit4j.supernet.model.SwinClassifier;
import org.sparsevit4j.supernet.model.SwinStage;

/**
 * The parameters of a {@link SwinClassifier} under torchvision's state-dict keys, the canonical
 * names of this project's weight files: {@code features.0.0} the patch convolution,
 * {@code features.0.2} its norm, {@code features.(2s+1).j} block j of stage s,
 * {@code features.(2s+2)} the merging after stage s, then {@code norm} and {@code head}.
 */
public final class TorchvisionNames {

    private TorchvisionNames() {
    }

    /** Every parameter by torchvision key, in state-dict order. */
    public static Map<String, Parameter> of(SwinClassifier model) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        SwinBackbone backbone = model.backbone();
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
        norm(out, "norm", model.norm());
        linear(out, "head", model.head());
        return out;
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
