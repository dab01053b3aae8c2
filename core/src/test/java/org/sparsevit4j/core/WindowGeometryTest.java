package org.sparsevit4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sparsevit4j.core.WindowGeometry.Box;
import org.sparsevit4j.core.ArchitectureSpec;

/** Window index → input pixels, for regular and shifted windows, with window padding and merging's odd rows. */
class WindowGeometryTest {

    /** 10x9 tokens of 4 pixels, window 7: padded to 14x14, 2x2 windows, shifted by 3 tokens. */
    private static final WindowGeometry PADDED = new WindowGeometry(10, 9, 7, 3, 3, 4, 0, 40, 36);

    @Test
    void regularWindowsAreClippedWhereTheGridIsPadded() {
        assertEquals(4, PADDED.numWindows());
        assertEquals(List.of(new Box(0, 0, 28, 28)), PADDED.pixels(0, false));
        assertEquals(List.of(new Box(28, 0, 36, 28)), PADDED.pixels(1, false), "columns 7..8 of 7..13 are real");
        assertEquals(List.of(new Box(0, 28, 28, 40)), PADDED.pixels(2, false), "rows 7..9 of 7..13 are real");
        assertEquals(List.of(new Box(28, 28, 36, 40)), PADDED.pixels(3, false));
    }

    @Test
    void shiftedWindowsAreThoseOfTheRolledMap() {
        // rolled row r is row r + 3 of the map: window 0 is rows and columns 3..9, clipped to the 9 real columns
        assertEquals(List.of(new Box(12, 12, 36, 40)), PADDED.pixels(0, true));
        // window 1 takes rolled columns 7..13 = columns 10..13 (padding) and 0..2
        assertEquals(List.of(new Box(0, 12, 12, 40)), PADDED.pixels(1, true));
        assertEquals(List.of(new Box(0, 0, 12, 12)), PADDED.pixels(3, true));
    }

    @Test
    void aShiftedWindowWrapsIntoFourPiecesAtTheCorner() {
        WindowGeometry g = new WindowGeometry(14, 14, 7, 3, 3, 1, 0, 14, 14);
        assertEquals(Set.of(new Box(10, 10, 14, 14), new Box(0, 10, 3, 14), new Box(10, 0, 14, 3), new Box(0, 0, 3, 3)),
                new HashSet<>(g.pixels(3, true)));
    }

    @Test
    void eachPartitionCoversEveryPixelOnce() {
        for (WindowGeometry g : List.of(PADDED, new WindowGeometry(7, 7, 7, 0, 0, 2, 1, 30, 30),
                new WindowGeometry(24, 20, 7, 3, 3, 4, 0, 98, 81))) {
            for (boolean shifted : new boolean[] {false, true}) {
                int[] cover = new int[g.inputHeight() * g.inputWidth()];
                for (int w = 0; w < g.numWindows(); w++) {
                    for (Box b : g.pixels(w, shifted)) {
                        for (int y = b.y0(); y < b.y1(); y++) {
                            for (int x = b.x0(); x < b.x1(); x++) {
                                cover[y * g.inputWidth() + x]++;
                            }
                        }
                    }
                }
                int coveredHeight = Math.min(g.mapHeight() * g.tokenSize(), g.inputHeight() / g.patchSize() * g.patchSize());
                int coveredWidth = Math.min(g.mapWidth() * g.tokenSize(), g.inputWidth() / g.patchSize() * g.patchSize());
                for (int y = 0; y < g.inputHeight(); y++) {
                    for (int x = 0; x < g.inputWidth(); x++) {
                        int expected = y < coveredHeight && x < coveredWidth ? 1 : 0;
                        assertEquals(expected, cover[y * g.inputWidth() + x], g + " shifted=" + shifted + " at " + x
                                + "," + y);
                    }
                }
            }
        }
    }

    @Test
    void stageGeometryFollowsTheModelsFeatureMaps() {
        ArchitectureSpec tiny = new ArchitectureSpec("tiny", 4, 3, 16, List.of(2, 2), List.of(1, 2), 7, 4.0, 5);
        // 38 pixels: stage 0 has 9 tokens (the last 2 pixels are dropped), stage 1 has 5 tokens of 8 pixels,
        // the last of them half in the row patch merging pads
        WindowGeometry stage0 = WindowGeometry.of(tiny, 0, 38, 38);
        assertEquals(new WindowGeometry(9, 9, 7, 3, 3, 4, 0, 38, 38), stage0);
        assertEquals(List.of(new Box(28, 0, 36, 28)), stage0.pixels(1, false));
        WindowGeometry stage1 = WindowGeometry.of(tiny, 1, 38, 38);
        assertEquals(1, stage1.numWindows());
        assertFalse(stage1.shifts(), "a window covering the whole map does not shift");
        assertEquals(List.of(new Box(0, 0, 36, 36)), stage1.pixels(0, false), "the model never sees pixels 36, 37");
        assertTrue(WindowGeometry.of(tiny, 0, 96, 80).shifts());
        assertEquals(12, WindowGeometry.of(tiny, 0, 96, 80).numWindows());
    }
}
