package org.sparsevit4j.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparsevit4j.core.WindowGeometry;

/** Which windows a panel shows, and how the picture draws them, without a model. */
public class WindowPictureTest {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** 8x8 tokens of 32 pixels, window 4: a 2x2 grid over a 256x256 input, shifted by 2 tokens. */
    private static final WindowGeometry GRID = new WindowGeometry(8, 8, 4, 2, 2, 32, 0, 256, 256);

    @Test
    void aUniformStageCountsItsRegularBlocksOnly() {
        StagePanel panel = StagePanel.of(1, GRID, new int[] {5, 5}, Map.of(0, new long[] {3, 1}, 1, new long[] {2, 0}));
        assertFalse(panel.shifted());
        assertEquals(1, panel.blocks());
        assertArrayEquals(new int[] {0, 1, 0, 1}, panel.runs());
        assertEquals("stage 1: 2/4 windows kept (ratios 0.5x2)", panel.summary());
        assertEquals(List.of("stage 1: 2/4 windows kept", "ratios 0.5x2"), panel.title());
    }

    @Test
    void nestedKeptSetsOfRegularBlocksGradeTheWindows() {
        // blocks 0 and 2 are regular: block 0 keeps 3 windows, block 2 (ratio 0.5) the best 2 of them
        StagePanel panel = StagePanel.of(2, GRID, new int[] {2, 2, 5, 5},
                Map.of(0, new long[] {2, 0, 3}, 1, new long[] {0, 1, 2}, 2, new long[] {2, 0}, 3, new long[] {1, 3}));
        assertEquals(2, panel.blocks());
        assertArrayEquals(new int[] {2, 0, 2, 1}, panel.runs());
        assertEquals(3, panel.kept());
        assertEquals(2, panel.keptByAll());
        assertEquals("stage 2: 3/4 windows kept, 2 by all 2 regular blocks (ratios 0.2x2 0.5x2)", panel.summary());
        assertEquals(List.of("stage 2: 3/4 windows kept", "ratios 0.2x2 0.5x2, 2 by all 2 blocks"), panel.title());
    }

    @Test
    void aStageThatPrunesOnlyShiftedBlocksShowsTheShiftedWindows() {
        StagePanel panel = StagePanel.of(0, GRID, new int[] {0, 5}, Map.of(1, new long[] {3, 0}));
        assertTrue(panel.shifted());
        assertArrayEquals(new int[] {1, 0, 0, 1}, panel.runs());
        assertEquals("stage 0: 2/4 shifted windows kept (ratios 0 0.5)", panel.summary());
    }

    @Test
    void aDenseStageKeepsEveryWindow() {
        StagePanel panel = StagePanel.of(3, GRID, new int[] {0, 0}, Map.of());
        assertArrayEquals(new int[] {1, 1, 1, 1}, panel.runs());
        assertEquals("stage 3: 4/4 windows kept (dense)", panel.summary());
    }

    @Test
    void keptSetsThatDisagreeWithTheRatioAreABug() {
        assertThrows(IllegalStateException.class, () -> StagePanel.of(0, GRID, new int[] {5, 5}, Map.of(0, new long[] {1})));
        assertThrows(IllegalStateException.class, () -> StagePanel.of(0, GRID, new int[] {5, 5}, Map.of(0, new long[] {1, 4})));
    }

    @Test
    void keptWindowsStayClearAndOutlinedSkippedOnesAreDimmedByTheShareOfBlocksThatSkipThem() {
        BufferedImage image = texture(256, 256);
        StagePanel panel = new StagePanel(2, GRID, false, new int[] {2, 2, 5, 5}, 2, new int[] {2, 1, 0, 2});
        BufferedImage picture = WindowPicture.render(image, List.of(panel, panel));
        WindowPicture.Layout layout = WindowPicture.Layout.of(256, 256, 2);
        assertEquals(2 * 256 + 3 * WindowPicture.MARGIN, picture.getWidth());
        assertEquals(layout.height(), picture.getHeight());
        assertTrue(picture.getHeight() > 256 + 2 * WindowPicture.MARGIN, "room for the titles");
        int x0 = layout.panelX(1);
        int y0 = layout.panelY();
        // window centres (64, 64), (192, 64), (64, 192), (192, 192)
        assertEquals(image.getRGB(64, 64), picture.getRGB(x0 + 64, y0 + 64), "kept by both blocks: untouched");
        assertEquals(dim(image.getRGB(192, 64), WindowPicture.MAX_DIM / 2), picture.getRGB(x0 + 192, y0 + 64),
                "kept by one of two blocks: half dimmed");
        assertEquals(dim(image.getRGB(64, 192), WindowPicture.MAX_DIM), picture.getRGB(x0 + 64, y0 + 192),
                "pruned: fully dimmed");
        int outline = picture.getRGB(x0 + 128, y0 + 10); // left edge of kept window 1
        assertEquals(0xFFC800, outline & 0xFFFFFF);
        assertNotEquals(outline, picture.getRGB(x0 + 10, y0 + 128), "window 2's edge: pruned, so no outline");
    }

    @Test
    void aShiftedPanelClearsTheWrappedPiecesOfItsWindows() {
        BufferedImage image = texture(256, 256);
        // shifted window 3 is rows and columns 6..7 and 0..1 of the map: the four corners
        StagePanel panel = new StagePanel(0, GRID, true, new int[] {0, 5}, 1, new int[] {0, 0, 0, 1});
        BufferedImage picture = WindowPicture.render(image, List.of(panel));
        WindowPicture.Layout layout = WindowPicture.Layout.of(256, 256, 1);
        int x0 = layout.panelX(0);
        int y0 = layout.panelY();
        for (int[] p : new int[][] {{32, 32}, {224, 32}, {32, 224}, {224, 224}}) {
            assertEquals(image.getRGB(p[0], p[1]), picture.getRGB(x0 + p[0], y0 + p[1]), "corner " + p[0] + "," + p[1]);
        }
        assertEquals(dim(image.getRGB(128, 128), WindowPicture.MAX_DIM), picture.getRGB(x0 + 128, y0 + 128));
    }

    @Test
    void panelsAreTheImageScaledIntoASizeThatReads() {
        assertEquals(List.of(256, 128), size(WindowPicture.Layout.of(100, 50, 4)));
        assertEquals(List.of(300, 200), size(WindowPicture.Layout.of(300, 200, 4)));
        assertEquals(List.of(1024, 512), size(WindowPicture.Layout.of(4000, 2000, 4)));
        WindowPicture.Layout layout = WindowPicture.Layout.of(300, 200, 4);
        assertEquals(4 * 300 + 5 * WindowPicture.MARGIN, layout.width());
        // the model saw a 256x256 resize of a 100x50 image, drawn at 256x128: window 1 is squashed with it
        StagePanel panel = new StagePanel(0, GRID, false, new int[] {0, 0}, 1, new int[] {1, 1, 1, 1});
        assertEquals(List.of(new WindowGeometry.Box(128, 0, 256, 64)),
                WindowPicture.panelBoxes(panel, 1, WindowPicture.Layout.of(100, 50, 1)));
    }

    private static List<Integer> size(WindowPicture.Layout layout) {
        return List.of(layout.panelWidth(), layout.panelHeight());
    }

    /** A picture whose neighbouring pixels differ, so a moved or resampled pixel would show. */
    public static BufferedImage texture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (40 + x * 7 % 200) << 16 | (40 + y * 5 % 200) << 8 | (40 + (x + y) * 3 % 200));
            }
        }
        return image;
    }

    private static int dim(int rgb, double amount) {
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int v = rgb >> shift & 0xFF;
            out |= (int) Math.round(v * (1 - amount) + WindowPicture.DIM_TONE * amount) << shift;
        }
        return out | 0xFF000000;
    }
}
