package org.sparsevit4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MacCounterTest {

    private static final ArchitectureSpec SWIN_T = ArchitectureSpec.preset("swin_t");

    static Stream<Arguments> denseSwinT() {
        return Stream.of(
                Arguments.of(224, 224, 4_489_798_656L),
                Arguments.of(672, 672, 40_408_187_904L));
    }

    @ParameterizedTest
    @MethodSource
    void denseSwinT(int height, int width, long backbone) {
        MacCount macs = MacCounter.count(SWIN_T, height, width, SparsityConfig.dense(SWIN_T));
        assertEquals(backbone, macs.backbone());
        assertEquals(768_000L, macs.head());
        assertEquals(backbone + 768_000L, macs.total());
    }

    @Test
    void swinTAt672IsSplitByPart() {
        MacCount macs = MacCounter.count(SWIN_T, 672, 672, SparsityConfig.dense(SWIN_T));
        // 168 * 168 * 96 * 3 * 16
        assertEquals(130_056_192L, macs.patchEmbed());
        // 84²·384·192 + 42²·768·384 + 21²·1536·768
        assertEquals(1_560_674_304L, macs.merging());
        assertEquals(38_717_457_408L, macs.blocks());
        assertEquals(macs.blocks(), macs.perBlock().stream().flatMap(List::stream).mapToLong(Long::longValue).sum());
    }

    @Test
    void paperConfigAt672KeepsAbout72PercentOfTheBackbone() {
        SparsityConfig config = SparsityConfig.ofRatios(List.of(
                List.of(0.6, 0.6), List.of(0.0, 0.0), List.of(0.2, 0.2, 0.4, 0.4, 0.5, 0.5), List.of(0.0, 0.0)));
        long dense = MacCounter.count(SWIN_T, 672, 672, SparsityConfig.dense(SWIN_T)).backbone();
        long sparse = MacCounter.count(SWIN_T, 672, 672, config).backbone();
        assertEquals(0.7196, (double) sparse / dense, 5e-5);
    }

    @Test
    void prunedBlocksCountOnlyTheirKeptWindows() {
        SparsityConfig config = SparsityConfig.ofRatios(List.of(
                List.of(0.6, 0.8), List.of(0.0, 0.0), List.of(0.0, 0.0, 0.0, 0.0, 0.0, 0.0), List.of(0.0, 0.0)));
        MacCount dense = MacCounter.count(SWIN_T, 672, 672, SparsityConfig.dense(SWIN_T));
        MacCount sparse = MacCounter.count(SWIN_T, 672, 672, config);
        long perWindow = dense.perBlock().get(0).get(0) / 576;
        assertEquals(230 * perWindow, sparse.perBlock().get(0).get(0));
        assertEquals(115 * perWindow, sparse.perBlock().get(0).get(1));
        assertEquals(dense.perBlock().subList(1, 4), sparse.perBlock().subList(1, 4));
        assertEquals(dense.patchEmbed(), sparse.patchEmbed());
        assertEquals(dense.merging(), sparse.merging());
        assertEquals(dense.head(), sparse.head());
    }

    /**
     * A two-stage model small enough to count by hand: patch 2, 1 input channel, embed 2,
     * depths [1, 1], heads [1, 1], window 2, mlp ratio 1.5, 3 classes, on a 10x10 image.
     *
     * <pre>
     * stage 0: 10/2 = 5x5, C = 2, hidden int(2*1.5) = 3, padded 6x6 -> nW = 9, N = 4
     *   per window: qkv+proj 4*4*2*2 = 64, mlp 2*4*2*3 = 48, attn 2*4*4*2 = 64 -> 176
     *   dense block: 9 * 176 = 1584; at ratio 0.5: floor(9*5/10) = 4 windows -> 704
     * merging: ceil(5/2) = 3x3 tokens * (4*2) * (2*2) = 9 * 8 * 4 = 288
     * stage 1: 3x3, C = 4, hidden int(4*1.5) = 6, padded 4x4 -> nW = 4
     *   per window: qkv+proj 4*4*4*4 = 256, mlp 2*4*4*6 = 192, attn 2*4*4*4 = 128 -> 576
     *   dense block: 4 * 576 = 2304; at ratio 0.8: floor(4*2/10) = 0 windows -> 0
     * patch embed: 5*5 positions * 2 out * 1 in * 2*2 kernel = 200
     * head: 4 * 3 = 12
     * dense backbone: 200 + 1584 + 288 + 2304 = 4376
     * </pre>
     */
    @Test
    void tinyArchitectureCountedByHand() {
        ArchitectureSpec tiny = new ArchitectureSpec("tiny", 2, 1, 2, List.of(1, 1), List.of(1, 1), 2, 1.5, 3);

        MacCount dense = MacCounter.count(tiny, 10, 10, SparsityConfig.dense(tiny));
        assertEquals(new MacCount(200, 1584 + 2304, 288, 12, List.of(List.of(1584L), List.of(2304L))), dense);
        assertEquals(4376, dense.backbone());
        assertEquals(4388, dense.total());

        MacCount sparse = MacCounter.count(tiny, 10, 10, SparsityConfig.ofLevels(new int[][] {{5}, {8}}));
        assertEquals(new MacCount(200, 704, 288, 12, List.of(List.of(704L), List.of(0L))), sparse);
    }

    @Test
    void configMustMatchTheArchitecture() {
        SparsityConfig swinS = SparsityConfig.dense(ArchitectureSpec.preset("swin_s"));
        var e = assertThrows(InvalidInputException.class, () -> MacCounter.count(SWIN_T, 224, 224, swinS));
        assertEquals("stage 2 has 18 ratios but swin_t has 6 blocks there", e.getMessage());
    }

    @Test
    void imageSmallerThanAPatchIsRejected() {
        var e = assertThrows(InvalidInputException.class,
                () -> MacCounter.count(SWIN_T, 2, 224, SparsityConfig.dense(SWIN_T)));
        assertEquals("input 2x224 is smaller than the 4x4 patch of swin_t", e.getMessage());
    }
}
