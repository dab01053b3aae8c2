package org.sparsevit4j.supernet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.MacCount;
import org.sparsevit4j.core.MacCounter;
import org.sparsevit4j.core.SparsityConfig;

/**
 * The analytic MAC count of search-core against the matrix products the forward pass actually
 * runs, recorded from the shapes of the arrays it multiplies: part by part and block by block.
 */
class ExecutedMacsTest {

    static Stream<Arguments> cases() {
        ArchitectureSpec swinT = ArchitectureSpec.preset("swin_t");
        ArchitectureSpec odd = new ArchitectureSpec("odd", 4, 3, 24, List.of(2, 4), List.of(2, 3), 5, 3.0, 7);
        return Stream.of(
                Arguments.of(swinT, 224, 224, SparsityConfig.dense(swinT)),
                Arguments.of(swinT, 256, 192, SparsityConfig.ofRatios(List.of(List.of(0.6, 0.6), List.of(0.0, 0.0),
                        List.of(0.2, 0.2, 0.4, 0.4, 0.5, 0.5), List.of(0.0, 0.0)))),
                Arguments.of(swinT, 224, 224, SparsityConfig.uniform(swinT, 0.8)),
                Arguments.of(odd, 100, 130, SparsityConfig.ofRatios(List.of(List.of(0.2, 0.7), List.of(0.0, 0.4, 0.4, 0.6)))),
                Arguments.of(odd, 61, 47, SparsityConfig.uniform(odd, 0.5)));
    }

    @ParameterizedTest(name = "{0} {1}x{2} {3}")
    @MethodSource("cases")
    void recordedMacsEqualTheAnalyticCount(ArchitectureSpec arch, int height, int width, SparsityConfig config) {
        try (NDManager manager = NDManager.newBaseManager(); SwinClassifier model = new SwinClassifier(arch)) {
            model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, height, width));
            MacRecorder recorder = new MacRecorder();
            model.backbone().setMacRecorder(recorder);
            model.classify(new ParameterStore(manager, false), manager.ones(new Shape(1, 3, height, width)), config,
                    false);

            MacCount expected = MacCounter.count(arch, height, width, config);
            assertEquals(expected.patchEmbed(), recorder.get("patch_embed"), "patch embedding");
            for (int s = 0; s < arch.numStages(); s++) {
                for (int b = 0; b < arch.depth(s); b++) {
                    assertEquals(expected.perBlock().get(s).get(b), recorder.get("block " + s + "." + b),
                            "stage " + s + " block " + b);
                }
            }
            long merging = 0;
            for (int s = 0; s + 1 < arch.numStages(); s++) {
                merging += recorder.get("merging " + s);
            }
            assertEquals(expected.merging(), merging, "patch merging");
            assertEquals(expected.head(), recorder.get("head"), "head");
            assertEquals(expected.total(), recorder.total(), "total");
        }
    }
}
