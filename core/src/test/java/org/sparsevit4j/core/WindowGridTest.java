package org.sparsevit4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class WindowGridTest {

    @ParameterizedTest
    @CsvSource({"56,7,56", "57,7,63", "1,7,7", "7,7,7", "8,7,14", "21,7,21"})
    void paddedRoundsUpToAMultipleOfTheWindow(int size, int window, int expected) {
        assertEquals(expected, WindowGrid.padded(size, window));
    }

    @ParameterizedTest
    @CsvSource({
        "168,168,7,576", // Swin-T stage 0 at 672x672
        "56,56,7,64",
        "7,7,7,1",
        "57,29,7,45", // 63/7 * 35/7 = 9 * 5
        "1,1,7,1",
        "64,48,7,70" // 70/7 * 49/7 = 10 * 7
    })
    void numWindowsCountsPaddedWindows(int h, int w, int window, int expected) {
        assertEquals(expected, WindowGrid.numWindows(h, w, window));
    }

    static Stream<Arguments> keptWindows() {
        return Stream.of(
                // In floating point the reference's int(nW * (1 - 0.8)) gives 0, 1, 2, 8 for
                // these four: one window short of the intended fifth.
                Arguments.of(5, 8, 1),
                Arguments.of(10, 8, 2),
                Arguments.of(15, 8, 3),
                Arguments.of(45, 8, 9),
                Arguments.of(4, 8, 0),
                Arguments.of(1, 8, 0),
                Arguments.of(1, 0, 1),
                Arguments.of(0, 5, 0),
                Arguments.of(9, 5, 4),
                Arguments.of(9, 3, 6));
    }

    @ParameterizedTest
    @MethodSource
    void keptWindows(int numWindows, int level, int expected) {
        assertEquals(expected, WindowGrid.keptWindows(numWindows, level));
    }

    @Test
    void keptWindowsOf576AtEveryLevel() {
        // Swin-T stage 0 at 672x672. 576 is no multiple of 5, so these match the reference's
        // floating-point int(576 * (1 - k / 10)) too: the integer rule changes nothing here.
        int[] expected = {576, 518, 460, 403, 345, 288, 230, 172, 115};
        for (int level = 0; level <= 8; level++) {
            assertEquals(expected[level], WindowGrid.keptWindows(576, level), "level " + level);
        }
    }

    @Test
    void keptWindowsRejectsLevelsOutsideZeroToEight() {
        assertThrows(IllegalArgumentException.class, () -> WindowGrid.keptWindows(10, 9));
        assertThrows(IllegalArgumentException.class, () -> WindowGrid.keptWindows(10, -1));
        assertThrows(IllegalArgumentException.class, () -> WindowGrid.keptWindows(-1, 0));
    }

    @ParameterizedTest
    @CsvSource({
        "56,7,3", "14,7,3", "8,7,3",
        "7,7,0", // one window on the axis: torchvision does not shift
        "7,9,0", "4,4,0", "8,4,2"
    })
    void shiftIsHalfAWindowUnlessTheWindowCoversTheAxis(int paddedSize, int window, int expected) {
        assertEquals(expected, WindowGrid.shift(paddedSize, window));
    }

    @Test
    void nonPositiveSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> WindowGrid.padded(0, 7));
        assertThrows(IllegalArgumentException.class, () -> WindowGrid.padded(7, 0));
        assertThrows(IllegalArgumentException.class, () -> WindowGrid.shift(0, 7));
    }
}
