package org.sparsevit4j.supernet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in benchmark ({@link SyntheticKind#BENCHMARK}): what it holds and that a seed fixes it. */
class BenchmarkScenesTest {

    private static final DatasetOptions OPTIONS = DatasetOptions.defaults().withSyntheticTrain(200).withSyntheticVal(120);
    private static final Transform NATIVE = Transform.eval(224, 224);
    /** A window of the first stage at 224x224 with patch 4 and window 7. */
    private static final int WINDOW = 28;

    private static SyntheticScenes scenes(DatasetOptions options) {
        return new SyntheticScenes(Task.SEGMENTATION, options);
    }

    @Test
    void classesAreBackgroundAndThreeHuesTimesTwoRims() {
        assertEquals(List.of("background", "red-light", "green-light", "blue-light", "red-dark", "green-dark",
                "blue-dark"), scenes(OPTIONS).classNames());
        assertEquals(7, SyntheticKind.BENCHMARK.classCount(Task.SEGMENTATION));
        assertEquals(6, SyntheticKind.BENCHMARK.classCount(Task.CLASSIFICATION));
        assertTrue(scenes(OPTIONS).identity().startsWith("synthetic-benchmark/v" + SyntheticKind.BENCHMARK.version()));
    }

    @Test
    void aSeedFixesEveryScene() {
        Sample a = scenes(OPTIONS.withSeed(4)).load(Split.VAL, 3, NATIVE, 0);
        Sample b = scenes(OPTIONS.withSeed(4)).load(Split.VAL, 3, NATIVE, 0);
        assertArrayEquals(a.image(), b.image());
        assertArrayEquals(a.mask(), b.mask());
        assertFalse(Arrays.equals(a.image(), scenes(OPTIONS.withSeed(5)).load(Split.VAL, 3, NATIVE, 0).image()));
        assertFalse(Arrays.equals(a.image(), scenes(OPTIONS.withSeed(4).withSynthetic(SyntheticKind.EASY)).load(Split.VAL,
                3, NATIVE, 0).image()));
    }

    @Test
    void objectsAreSparseClusteredAndOfEveryClass() {
        SyntheticScenes scenes = scenes(OPTIONS);
        int images = 120;
        double foreground = 0;
        double fewest = 1;
        double most = 0;
        boolean[] seen = new boolean[7];
        for (int i = 0; i < images; i++) {
            int[] mask = scenes.load(Split.VAL, i, NATIVE, 0).mask();
            int objectPixels = 0;
            for (int m : mask) {
                objectPixels += m == 0 ? 0 : 1;
                seen[m] = true;
            }
            foreground += objectPixels / (double) mask.length;
            double occupied = occupiedWindows(mask);
            fewest = Math.min(fewest, occupied);
            most = Math.max(most, occupied);
        }
        for (int c = 0; c < 7; c++) {
            assertTrue(seen[c], "class " + c + " occurs");
        }
        // 8.6% on average with these 120 scenes; sparse scenes, as window pruning expects
        double mean = foreground / images;
        assertTrue(mean > 0.05 && mean < 0.13, "mean foreground " + mean);
        // density varies from scene to scene: some leave most windows empty, others fill half of them
        assertTrue(fewest < 0.2 && most > 0.5, "windows holding objects: " + fewest + " to " + most);
    }

    @Test
    void aLargeSceneIsQuickToDraw() {
        long[] nanos = new long[7];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            RenderedScene scene = BenchmarkGenerator.render(100 + i, 672, 672);
            nanos[i] = System.nanoTime() - start;
            assertEquals(672 * 672, scene.mask().length);
        }
        Arrays.sort(nanos);
        // about 20 ms on the project's 2-core machine; 80 ms would starve training at this size
        assertTrue(nanos[nanos.length / 2] / 1e6 < 80, "median " + nanos[nanos.length / 2] / 1e6 + " ms");
    }

    /** Share of the first stage's windows that hold an object pixel. */
    private static double occupiedWindows(int[] mask) {
        int grid = 224 / WINDOW;
        int occupied = 0;
        for (int wy = 0; wy < grid; wy++) {
            for (int wx = 0; wx < grid; wx++) {
                occupied += holdsObject(mask, wy, wx) ? 1 : 0;
            }
        }
        return occupied / (double) (grid * grid);
    }

    private static boolean holdsObject(int[] mask, int wy, int wx) {
        for (int y = wy * WINDOW; y < (wy + 1) * WINDOW; y++) {
            for (int x = wx * WINDOW; x < (wx + 1) * WINDOW; x++) {
                if (mask[y * 224 + x] != 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
