package org.sparsevit4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArchitectureSpecTest {

    static Stream<Arguments> presets() {
        return Stream.of(
                Arguments.of("swin_t", 96, List.of(2, 2, 6, 2), List.of(3, 6, 12, 24), 12, 768),
                Arguments.of("swin_s", 96, List.of(2, 2, 18, 2), List.of(3, 6, 12, 24), 24, 768),
                Arguments.of("swin_b", 128, List.of(2, 2, 18, 2), List.of(4, 8, 16, 32), 24, 1024));
    }

    @ParameterizedTest
    @MethodSource
    void presets(String name, int embed, List<Integer> depths, List<Integer> heads, int blocks, int finalDim) {
        ArchitectureSpec spec = ArchitectureSpec.preset(name);
        assertEquals(name, spec.name());
        assertEquals(4, spec.patchSize());
        assertEquals(3, spec.inChannels());
        assertEquals(embed, spec.embedDim());
        assertEquals(depths, spec.depths());
        assertEquals(heads, spec.heads());
        assertEquals(7, spec.windowSize());
        assertEquals(4.0, spec.mlpRatio());
        assertEquals(1000, spec.numClasses());
        assertEquals(4, spec.numStages());
        assertEquals(blocks, spec.totalBlocks());
        assertEquals(finalDim, spec.finalDim());
        for (int s = 0; s < 4; s++) {
            assertEquals(embed << s, spec.dim(s));
            assertEquals(4 * (embed << s), spec.mlpHidden(s));
            assertEquals(depths.get(s), spec.depth(s));
            assertEquals(heads.get(s), spec.heads(s));
        }
    }

    @Test
    void windowsPerStageCountThePaddedGrid() {
        // 672/4 = 168 tokens: 24x24 windows of 7, then 12x12, 6x6, 3x3; 100x130 pads 25x32 to 28x35
        assertArrayEquals(new int[] {576, 144, 36, 9}, ArchitectureSpec.preset("swin_t").windowsPerStage(672, 672));
        assertArrayEquals(new int[] {20, 6, 2, 1}, ArchitectureSpec.preset("swin_t").windowsPerStage(100, 130));
    }

    @Test
    void presetNamesAreTheKnownPresetsInSizeOrder() {
        assertEquals(List.of("swin_micro", "swin_t", "swin_s", "swin_b"), ArchitectureSpec.presetNames());
    }

    @Test
    void unknownPresetListsTheKnownNames() {
        var e = assertThrows(InvalidInputException.class, () -> ArchitectureSpec.preset("swin_l"));
        assertEquals("unknown architecture \"swin_l\"; known: swin_micro, swin_t, swin_s, swin_b", e.getMessage());
    }

    @Test
    void withNumClassesKeepsTheBackbone() {
        ArchitectureSpec ade = ArchitectureSpec.preset("swin_t").withNumClasses(150);
        assertEquals(150, ade.numClasses());
        assertEquals(ArchitectureSpec.preset("swin_t").depths(), ade.depths());
        assertEquals("swin_t", ade.name());
        assertThrows(InvalidInputException.class, () -> ade.withNumClasses(0));
    }

    @Test
    void listsAreCopiedAndImmutable() {
        List<Integer> depths = new ArrayList<>(List.of(2, 2));
        ArchitectureSpec spec = new ArchitectureSpec("tiny", 4, 3, 8, depths, List.of(1, 2), 7, 4.0, 10);
        depths.set(0, 5);
        assertEquals(List.of(2, 2), spec.depths());
        assertThrows(UnsupportedOperationException.class, () -> spec.depths().set(0, 3));
    }

    @Test
    void mlpHiddenTruncatesLikePythonInt() {
        // int(12 * 1.3) = int(15.600000000000001) = 15 in torchvision; rounding would give 16.
        ArchitectureSpec spec = new ArchitectureSpec("odd", 2, 1, 12, List.of(1), List.of(3), 2, 1.3, 2);
        assertEquals(15, spec.mlpHidden(0));
    }

    static Stream<Arguments> invalidSpecs() {
        List<Integer> d = List.of(2, 2);
        List<Integer> h = List.of(1, 2);
        return Stream.of(
                bad(() -> new ArchitectureSpec(" ", 4, 3, 8, d, h, 7, 4.0, 10),
                        "architecture name must not be blank"),
                bad(() -> new ArchitectureSpec("x", 0, 3, 8, d, h, 7, 4.0, 10),
                        "x: patchSize 0 must be positive"),
                bad(() -> new ArchitectureSpec("x", 4, -1, 8, d, h, 7, 4.0, 10),
                        "x: inChannels -1 must be positive"),
                bad(() -> new ArchitectureSpec("x", 4, 3, 0, d, h, 7, 4.0, 10),
                        "x: embedDim 0 must be positive"),
                bad(() -> new ArchitectureSpec("x", 4, 3, 8, d, h, 0, 4.0, 10),
                        "x: windowSize 0 must be positive"),
                bad(() -> new ArchitectureSpec("x", 4, 3, 8, d, h, 7, 4.0, 0),
                        "x: numClasses 0 must be positive"),
                bad(() -> new ArchitectureSpec("x", 4, 3, 8, d, h, 7, Double.NaN, 10),
                        "x: mlpRatio NaN must be a positive finite number"),
                bad(() -> new ArchitectureSpec("x", 4, 3, 8, d, h, 7, 0.0, 10),
                        "x: mlpRatio 0.0 must be a positive finite number"),
                bad(() -> new ArchitectureSpec("x", 4, 3, 8, d, h, 7, 0.1, 10),
                        "x: stage 0 mlp hidden width int(8 * 0.1) is 0; it must be at least 1"),
                bad(() -> new ArchitectureSpec("x", 4, 3, 8, List.of(), List.of(), 7, 4.0, 10),
                        "x: depths must list at least one stage"),
                bad(() -> new ArchitectureSpec("x", 4, 3, 8, null, h, 7, 4.0, 10),
                        "x: depths must list at least one stage"),
                bad(() -> new ArchitectureSpec("x", 4, 3, 8, List.of(2, 0), h, 7, 4.0, 10),
                        "x: depths[1] 0 must be positive"),
                bad(() -> new ArchitectureSpec("x", 4, 3, 8, d, Arrays.asList(1, null), 7, 4.0, 10),
                        "x: heads[1] null must be positive"),
                bad(() -> new ArchitectureSpec("x", 4, 3, 8, d, List.of(1, 2, 4), 7, 4.0, 10),
                        "x: depths has 2 stages but heads has 3; they must have the same length"),
                bad(() -> new ArchitectureSpec("x", 4, 3, 8, d, List.of(1, 3), 7, 4.0, 10),
                        "x: stage 1 dim 16 is not divisible by its 3 heads"),
                bad(() -> new ArchitectureSpec("x", 4, 3, 1 << 30, d, h, 7, 4.0, 10),
                        "x: stage 1 dim 1073741824 * 2^1 does not fit in an int; use fewer stages"));
    }

    private static Arguments bad(Supplier<ArchitectureSpec> build, String message) {
        return Arguments.of(build, message);
    }

    @ParameterizedTest
    @MethodSource
    void invalidSpecs(Supplier<ArchitectureSpec> build, String message) {
        var e = assertThrows(InvalidInputException.class, build::get);
        assertEquals(message, e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    static Stream<Arguments> stageSizes() {
        return Stream.of(
                Arguments.of(224, 224, List.of(fs(56, 56), fs(28, 28), fs(14, 14), fs(7, 7))),
                Arguments.of(256, 192, List.of(fs(64, 48), fs(32, 24), fs(16, 12), fs(8, 6))),
                Arguments.of(672, 672, List.of(fs(168, 168), fs(84, 84), fs(42, 42), fs(21, 21))),
                // 230/4 = 57 (conv drops 2 pixels); merging pads 57 -> 58, 29 -> 30, so ceil.
                Arguments.of(230, 230, List.of(fs(57, 57), fs(29, 29), fs(15, 15), fs(8, 8))),
                Arguments.of(227, 221, List.of(fs(56, 55), fs(28, 28), fs(14, 14), fs(7, 7))),
                Arguments.of(4, 4, List.of(fs(1, 1), fs(1, 1), fs(1, 1), fs(1, 1))),
                Arguments.of(20, 4, List.of(fs(5, 1), fs(3, 1), fs(2, 1), fs(1, 1))));
    }

    @ParameterizedTest
    @MethodSource
    void stageSizes(int height, int width, List<FeatureSize> expected) {
        assertEquals(expected, ArchitectureSpec.preset("swin_t").stageSizes(height, width));
    }

    static Stream<Arguments> inputsSmallerThanAPatch() {
        return Stream.of(
                Arguments.of(3, 224, "input 3x224 is smaller than the 4x4 patch of swin_t"),
                Arguments.of(224, 0, "input 224x0 is smaller than the 4x4 patch of swin_t"),
                Arguments.of(-8, 224, "input -8x224 is smaller than the 4x4 patch of swin_t"));
    }

    @ParameterizedTest
    @MethodSource
    void inputsSmallerThanAPatch(int height, int width, String message) {
        var e = assertThrows(InvalidInputException.class,
                () -> ArchitectureSpec.preset("swin_t").stageSizes(height, width));
        assertEquals(message, e.getMessage());
    }

    private static FeatureSize fs(int h, int w) {
        return new FeatureSize(h, w);
    }
}
