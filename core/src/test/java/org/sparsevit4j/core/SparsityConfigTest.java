package org.sparsevit4j.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SparsityConfigTest {

    private static final ArchitectureSpec SWIN_T = ArchitectureSpec.preset("swin_t");

    /** The reference's example config for Swin-T. */
    private static final List<List<Double>> EXAMPLE = List.of(
            List.of(0.3, 0.3), List.of(0.0, 0.0), List.of(0.1, 0.1, 0.2, 0.2, 0.2, 0.2), List.of(0.0, 0.0));

    @Test
    void ofRatiosStoresLevels() {
        SparsityConfig config = SparsityConfig.ofRatios(EXAMPLE);
        assertEquals(4, config.numStages());
        assertEquals(6, config.depth(2));
        assertEquals(3, config.level(0, 1));
        assertEquals(2, config.level(2, 5));
        assertEquals(0.2, config.ratio(2, 5));
        assertEquals(EXAMPLE, config.ratios());
        assertEquals("[[0.3,0.3],[0,0],[0.1,0.1,0.2,0.2,0.2,0.2],[0,0]]", config.compact());
        assertEquals("SparsityConfig[[0.3,0.3],[0,0],[0.1,0.1,0.2,0.2,0.2,0.2],[0,0]]", config.toString());
        assertFalse(config.isDense());
        assertDoesNotThrow(() -> config.requireMatches(SWIN_T));
    }

    @Test
    void ratiosOffByFloatingPointNoiseSnapToTheirLevel() {
        // 3 * 0.1 = 0.30000000000000004 and 1 - 0.3 = 0.7 both come from arithmetic, not literals.
        SparsityConfig config = SparsityConfig.ofRatios(List.of(List.of(3 * 0.1, 0.8 - 0.1, 0.8 + 1e-10)));
        assertEquals(SparsityConfig.ofLevels(new int[][] {{3, 7, 8}}), config);
    }

    @Test
    void ofLevelsMatchesOfRatiosAndCopiesItsInput() {
        int[][] levels = {{3, 3}, {0, 0}, {1, 1, 2, 2, 2, 2}, {0, 0}};
        SparsityConfig config = SparsityConfig.ofLevels(levels);
        levels[0][0] = 8;
        assertEquals(SparsityConfig.ofRatios(EXAMPLE), config);
        assertEquals(SparsityConfig.ofRatios(EXAMPLE).hashCode(), config.hashCode());
        assertEquals(3, config.level(0, 0));
    }

    @Test
    void ratiosIsImmutable() {
        SparsityConfig config = SparsityConfig.ofRatios(EXAMPLE);
        assertThrows(UnsupportedOperationException.class, () -> config.ratios().get(0).set(0, 0.8));
        assertThrows(UnsupportedOperationException.class, () -> config.ratios().set(0, List.of()));
    }

    @Test
    void equalityFollowsTheLevels() {
        SparsityConfig a = SparsityConfig.ofLevels(new int[][] {{1, 2}, {0}});
        assertEquals(a, SparsityConfig.ofLevels(new int[][] {{1, 2}, {0}}));
        assertNotEquals(a, SparsityConfig.ofLevels(new int[][] {{1, 3}, {0}}));
        assertNotEquals(a, SparsityConfig.ofLevels(new int[][] {{1, 2}, {0, 0}}));
        assertNotEquals(a, SparsityConfig.ofLevels(new int[][] {{1}, {2}, {0}}));
    }

    @Test
    void denseHasEveryRatioZero() {
        SparsityConfig dense = SparsityConfig.dense(SWIN_T);
        assertTrue(dense.isDense());
        assertEquals("[[0,0],[0,0],[0,0,0,0,0,0],[0,0]]", dense.compact());
        for (int s = 0; s < 4; s++) {
            assertEquals(-1, dense.firstPrunedBlock(s));
        }
        dense.requireMatches(SWIN_T);
    }

    @Test
    void uniformFillsEveryBlock() {
        SparsityConfig uniform = SparsityConfig.uniform(ArchitectureSpec.preset("swin_s"), 0.5);
        assertEquals(4, uniform.numStages());
        assertEquals(18, uniform.depth(2));
        assertEquals(5, uniform.level(2, 17));
        assertEquals(0, uniform.firstPrunedBlock(3));
        assertFalse(uniform.isDense());
        assertTrue(SparsityConfig.uniform(SWIN_T, 0.0).isDense());
    }

    @Test
    void firstPrunedBlockIsTheFirstNonZeroRatio() {
        SparsityConfig config = SparsityConfig.ofRatios(
                List.of(List.of(0.0, 0.3), List.of(0.0, 0.0), List.of(0.0, 0.0, 0.0, 0.1, 0.1, 0.8), List.of(0.2, 0.2)));
        assertEquals(1, config.firstPrunedBlock(0));
        assertEquals(-1, config.firstPrunedBlock(1));
        assertEquals(3, config.firstPrunedBlock(2));
        assertEquals(0, config.firstPrunedBlock(3));
    }

    static Stream<Arguments> invalidRatios() {
        return Stream.of(
                Arguments.of(List.of(List.of(0.0, 0.0), List.of(0.25, 0.3)),
                        "stage 1 block 0: ratio 0.25 is not one of 0.0, 0.1, ..., 0.8"),
                Arguments.of(List.of(List.of(0.0, 0.9)),
                        "stage 0 block 1: ratio 0.9 is not one of 0.0, 0.1, ..., 0.8"),
                Arguments.of(List.of(List.of(0.0), List.of(0.1, 0.2, -0.1)),
                        "stage 1 block 2: ratio -0.1 is not one of 0.0, 0.1, ..., 0.8"),
                Arguments.of(List.of(List.of(0.0), List.of(0.0), List.of(0.1, Double.NaN)),
                        "stage 2 block 1: ratio NaN is not one of 0.0, 0.1, ..., 0.8"),
                Arguments.of(List.of(List.of(Double.POSITIVE_INFINITY)),
                        "stage 0 block 0: ratio Infinity is not one of 0.0, 0.1, ..., 0.8"),
                Arguments.of(List.of(List.of(0.1, 0.3000001)),
                        "stage 0 block 1: ratio 0.3000001 is not one of 0.0, 0.1, ..., 0.8"),
                Arguments.of(List.of(List.of(0.0), Arrays.asList(0.1, null)),
                        "stage 1 block 1: ratio is null; it must be one of 0.0, 0.1, ..., 0.8"),
                Arguments.of(List.of(List.of(0.0, 0.0), List.of(0.0, 0.0), List.of(0.1, 0.1, 0.4, 0.3, 0.3, 0.3)),
                        "stage 2 block 3: ratio 0.3 is below the previous 0.4; ratios must not decrease within a stage"),
                Arguments.of(List.of(List.of(0.2, 0.0)),
                        "stage 0 block 1: ratio 0 is below the previous 0.2; ratios must not decrease within a stage"),
                Arguments.of(List.of(),
                        "config has no stages; it needs one list of ratios per stage"),
                Arguments.of(List.of(List.of(0.0), List.of()),
                        "stage 1 has no ratios; every stage needs one per block"));
    }

    @ParameterizedTest
    @MethodSource
    void invalidRatios(List<List<Double>> ratios, String message) {
        var e = assertThrows(InvalidInputException.class, () -> SparsityConfig.ofRatios(ratios));
        assertEquals(message, e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    static Stream<Arguments> invalidLevels() {
        return Stream.of(
                Arguments.of(new int[][] {{0, 9}},
                        "stage 0 block 1: level 9 is not one of 0, 1, ..., 8 (ratio = level/10)"),
                Arguments.of(new int[][] {{0}, {-1}},
                        "stage 1 block 0: level -1 is not one of 0, 1, ..., 8 (ratio = level/10)"),
                Arguments.of(new int[][] {{0}, {5, 4}},
                        "stage 1 block 1: ratio 0.4 is below the previous 0.5; ratios must not decrease within a stage"),
                Arguments.of(new int[][] {{0}, {}},
                        "stage 1 has no ratios; every stage needs one per block"),
                Arguments.of(new int[][] {},
                        "config has no stages; it needs one list of ratios per stage"));
    }

    @ParameterizedTest
    @MethodSource
    void invalidLevels(int[][] levels, String message) {
        var e = assertThrows(InvalidInputException.class, () -> SparsityConfig.ofLevels(levels));
        assertEquals(message, e.getMessage());
    }

    static Stream<Arguments> invalidUniformRatios() {
        return Stream.of(
                Arguments.of(0.25, "ratio 0.25 is not one of 0.0, 0.1, ..., 0.8"),
                Arguments.of(0.9, "ratio 0.9 is not one of 0.0, 0.1, ..., 0.8"),
                Arguments.of(-0.1, "ratio -0.1 is not one of 0.0, 0.1, ..., 0.8"),
                Arguments.of(Double.NaN, "ratio NaN is not one of 0.0, 0.1, ..., 0.8"));
    }

    @ParameterizedTest
    @MethodSource
    void invalidUniformRatios(double ratio, String message) {
        var e = assertThrows(InvalidInputException.class, () -> SparsityConfig.uniform(SWIN_T, ratio));
        assertEquals(message, e.getMessage());
    }

    static Stream<Arguments> mismatches() {
        return Stream.of(
                Arguments.of(new int[][] {{0, 0}, {0, 0}, {0, 0, 0, 0, 0, 0}},
                        "config has 3 stages but swin_t has 4"),
                Arguments.of(new int[][] {{0, 0}, {0, 0}, {0, 0, 0, 0, 0, 0}, {0, 0}, {0}},
                        "config has 5 stages but swin_t has 4"),
                Arguments.of(new int[][] {{0, 0}, {0, 0}, {0, 0, 0, 0, 0}, {0, 0}},
                        "stage 2 has 5 ratios but swin_t has 6 blocks there"),
                Arguments.of(new int[][] {{0, 0, 0}, {0, 0}, {0, 0, 0, 0, 0, 0}, {0, 0}},
                        "stage 0 has 3 ratios but swin_t has 2 blocks there"));
    }

    @ParameterizedTest
    @MethodSource
    void mismatches(int[][] levels, String message) {
        SparsityConfig config = SparsityConfig.ofLevels(levels);
        var e = assertThrows(InvalidInputException.class, () -> config.requireMatches(SWIN_T));
        assertEquals(message, e.getMessage());
    }

    @Test
    void swinSConfigDoesNotMatchSwinT() {
        SparsityConfig swinS = SparsityConfig.dense(ArchitectureSpec.preset("swin_s"));
        var e = assertThrows(InvalidInputException.class, () -> swinS.requireMatches(SWIN_T));
        assertEquals("stage 2 has 18 ratios but swin_t has 6 blocks there", e.getMessage());
    }
}
