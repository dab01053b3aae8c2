package org.sparsevit4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.SparsityConfig;

class SparsityCodecTest {

    private static final ArchitectureSpec SWIN_T = ArchitectureSpec.preset("swin_t");
    private static final ArchitectureSpec SWIN_B = ArchitectureSpec.preset("swin_b");
    private static final SparsityConfig PAPER = SparsityConfig.ofRatios(List.of(
            List.of(0.3, 0.3), List.of(0.0, 0.0), List.of(0.1, 0.1, 0.2, 0.2, 0.2, 0.2), List.of(0.0, 0.0)));

    @Test
    void layoutSizesFollowTheGranularity() {
        assertEquals(12, new GeneLayout(SWIN_T, Granularity.BLOCK).size());
        assertEquals(6, new GeneLayout(SWIN_T, Granularity.PAIR).size());
        assertEquals(4, new GeneLayout(SWIN_T, Granularity.STAGE).size());
        assertEquals(12, new GeneLayout(SWIN_B, Granularity.PAIR).size());
    }

    @Test
    void anOddStageEndsWithASingleBlockGene() {
        ArchitectureSpec odd = new ArchitectureSpec("odd", 4, 3, 32, List.of(3, 1), List.of(1, 2), 7, 4.0, 10);
        GeneLayout layout = new GeneLayout(odd, Granularity.PAIR);
        assertEquals(3, layout.size());
        assertEquals(2, layout.blockCount(0));
        assertEquals(1, layout.blockCount(1));
        assertEquals(2, layout.firstBlock(1));
        assertEquals("s0b2", layout.geneName(1));
        assertEquals("s1b0", layout.geneName(2));
        SparsityCodec codec = new SparsityCodec(layout);
        SparsityConfig config = codec.decode(Genome.of(3, 5, 8));
        assertEquals("[[0.3,0.3,0.5],[0.8]]", config.compact());
        assertEquals(Genome.of(3, 5, 8), codec.encode(config));
    }

    @ParameterizedTest
    @EnumSource(Granularity.class)
    void denseAndUniformConfigsRoundTrip(Granularity granularity) {
        SparsityCodec codec = new SparsityCodec(new GeneLayout(SWIN_B, granularity));
        for (int level = 0; level <= 8; level++) {
            SparsityConfig uniform = SparsityConfig.uniform(SWIN_B, level / 10.0);
            Genome genome = codec.encode(uniform);
            assertEquals(codec.uniform(level), genome);
            assertEquals(uniform, codec.decode(genome));
        }
        assertEquals(SparsityConfig.dense(SWIN_B), codec.decode(codec.uniform(0)));
    }

    @Test
    void thePaperConfigIsOneGenePerPair() {
        SparsityCodec codec = new SparsityCodec(new GeneLayout(SWIN_T, Granularity.PAIR));
        Genome genome = codec.encode(PAPER);
        assertEquals(Genome.of(3, 0, 1, 2, 2, 0), genome);
        assertEquals(PAPER, codec.decode(genome));
    }

    @Test
    void encodingRejectsAPairWithTwoRatios() {
        SparsityCodec codec = new SparsityCodec(new GeneLayout(SWIN_T, Granularity.PAIR));
        SparsityConfig split = SparsityConfig.ofRatios(List.of(
                List.of(0.3, 0.4), List.of(0.0, 0.0), List.of(0.1, 0.1, 0.2, 0.2, 0.2, 0.2), List.of(0.0, 0.0)));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> codec.encode(split));
        assertEquals("stage 0 block 1: ratio 0.4 differs from block 0's 0.3; at pair granularity blocks 0-1"
                + " share one ratio", e.getMessage());
        assertEquals(split, new SparsityCodec(new GeneLayout(SWIN_T, Granularity.BLOCK))
                .decode(new SparsityCodec(new GeneLayout(SWIN_T, Granularity.BLOCK)).encode(split)));
    }

    @Test
    void repairSortsEachStageAndNothingElse() {
        SparsityCodec codec = new SparsityCodec(new GeneLayout(SWIN_T, Granularity.PAIR));
        // genes: stage 0 | stage 1 | stage 2 (three genes) | stage 3
        int[] genes = {7, 1, 8, 2, 5, 0};
        assertFalse(codec.isRepaired(Genome.of(genes)));
        assertArrayEquals(new int[] {7, 1, 2, 5, 8, 0}, codec.repair(genes));
        assertTrue(codec.isRepaired(Genome.of(genes)));
        assertThrows(IllegalArgumentException.class, () -> codec.decode(Genome.of(7, 1, 8, 2, 5, 0)));
    }

    @Test
    void granularityParsesItsIds() {
        assertEquals(Granularity.PAIR, Granularity.parse("pair"));
        assertEquals(Granularity.STAGE, Granularity.parse(" Stage "));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Granularity.parse("layer"));
        assertEquals("granularity \"layer\" is not one of block, pair, stage", e.getMessage());
    }
}
