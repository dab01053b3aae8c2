package org.sparsevit4j.supernet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The easy scenes ({@link SyntheticKind#EASY}) and what every kind of built-in scenes shares. */
class SyntheticScenesTest {

    private static final DatasetOptions EASY = DatasetOptions.defaults().withSynthetic(SyntheticKind.EASY);
    private static final DatasetOptions SMALL = EASY.withSyntheticTrain(300).withSyntheticVal(40);
    private static final Transform NATIVE = Transform.eval(224, 224);

    private static SyntheticScenes segmentation(DatasetOptions options) {
        return new SyntheticScenes(Task.SEGMENTATION, options);
    }

    @Test
    void classesAreBackgroundAndSixObjectKinds() {
        SyntheticScenes seg = segmentation(SMALL);
        assertEquals(List.of("background", "disc", "square", "triangle", "ring", "cross", "diamond"), seg.classNames());
        assertEquals(7, seg.numClasses());
        assertEquals(255, seg.ignoreIndex());
        SyntheticScenes cls = new SyntheticScenes(Task.CLASSIFICATION, SMALL);
        assertEquals(List.of("disc", "square", "triangle", "ring", "cross", "diamond"), cls.classNames());
        assertEquals(6, cls.numClasses());
    }

    @Test
    void aSeedFixesEveryImageAndMask() {
        SyntheticScenes a = segmentation(SMALL.withSeed(11));
        SyntheticScenes b = segmentation(SMALL.withSeed(11));
        SyntheticScenes other = segmentation(SMALL.withSeed(12));
        for (Split split : Split.values()) {
            for (int i = 0; i < 3; i++) {
                Sample x = a.load(split, i, NATIVE, 0);
                Sample y = b.load(split, i, NATIVE, 0);
                assertArrayEquals(x.image(), y.image(), split + " " + i);
                assertArrayEquals(x.mask(), y.mask(), split + " " + i);
                assertFalse(Arrays.equals(x.image(), other.load(split, i, NATIVE, 0).image()), split + " " + i);
            }
        }
        // Loading in another order, or after other loads, changes nothing: images are pure functions.
        Sample late = a.load(Split.TRAIN, 0, NATIVE, 0);
        assertArrayEquals(b.load(Split.TRAIN, 0, NATIVE, 0).image(), late.image());
        assertFalse(Arrays.equals(a.load(Split.TRAIN, 0, NATIVE, 0).image(), a.load(Split.TRAIN, 1, NATIVE, 0).image()));
    }

    @Test
    void objectsCoverAboutTenPercentOfEachScene() {
        SyntheticScenes scenes = segmentation(EASY);
        int images = 200;
        double sum = 0;
        for (int i = 0; i < images; i++) {
            int[] mask = scenes.load(Split.TRAIN, i, NATIVE, 0).mask();
            int foreground = 0;
            for (int m : mask) {
                foreground += m == 0 ? 0 : 1;
            }
            double fraction = foreground / (double) mask.length;
            // Per scene the target is uniform in [6%, 14%]; rasterization and rare overlaps stay inside [5%, 15%].
            assertTrue(fraction >= 0.05 && fraction <= 0.15, "scene " + i + ": foreground " + fraction);
            sum += fraction;
        }
        double mean = sum / images;
        // The target's mean is 10%; 200 scenes put the sample mean within ±0.5% with overwhelming probability.
        assertTrue(mean > 0.09 && mean < 0.11, "mean foreground " + mean);
    }

    @Test
    void everyObjectClassOccursAndMasksHoldOnlyClassIndices() {
        SyntheticScenes scenes = segmentation(SMALL);
        int[] scenesWith = new int[7];
        for (int i = 0; i < 100; i++) {
            boolean[] present = new boolean[7];
            for (int m : scenes.load(Split.TRAIN, i, NATIVE, 0).mask()) {
                assertTrue(m >= 0 && m < 7, "mask value " + m);
                present[m] = true;
            }
            for (int c = 0; c < 7; c++) {
                scenesWith[c] += present[c] ? 1 : 0;
            }
        }
        assertEquals(100, scenesWith[0], "every scene has background");
        for (int c = 1; c < 7; c++) {
            // Each class is in a scene with probability 2/3 (4 of 6 kinds on average); 25 of 100 is far below.
            assertTrue(scenesWith[c] >= 25, "class " + c + " in " + scenesWith[c] + " of 100 scenes");
        }
    }

    @Test
    void theClassificationLabelIsTheClassCoveringTheMostPixels() {
        SyntheticScenes seg = segmentation(SMALL);
        SyntheticScenes cls = new SyntheticScenes(Task.CLASSIFICATION, SMALL);
        Set<Integer> labels = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            Sample s = seg.load(Split.TRAIN, i, NATIVE, 0);
            Sample c = cls.load(Split.TRAIN, i, NATIVE, 0);
            assertArrayEquals(s.image(), c.image(), "both tasks show the same scene");
            assertNull(c.mask());
            int[] counts = new int[7];
            for (int m : s.mask()) {
                counts[m]++;
            }
            int best = 1;
            int second = 0;
            for (int k = 2; k < 7; k++) {
                if (counts[k] > counts[best]) {
                    best = k;
                }
            }
            for (int k = 1; k < 7; k++) {
                second = k == best ? second : Math.max(second, counts[k]);
            }
            assertEquals(best - 1, c.label(), "scene " + i);
            assertTrue(counts[best] >= 1.5 * second, "scene " + i + ": the label is clear, " + Arrays.toString(counts));
            labels.add(c.label());
        }
        assertEquals(6, labels.size(), "every class is some scene's label");
    }

    @Test
    void aLargeSceneIsQuickToDraw() {
        for (int i = 0; i < 5; i++) {
            SceneGenerator.render(i, 672, 672);
        }
        long[] nanos = new long[9];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            RenderedScene scene = SceneGenerator.render(100 + i, 672, 672);
            nanos[i] = System.nanoTime() - start;
            assertEquals(672 * 672, scene.mask().length);
        }
        Arrays.sort(nanos);
        double medianMs = nanos[nanos.length / 2] / 1e6;
        // About 12 ms on the project's 2-core machine; 50 ms is the budget that keeps training fed.
        assertTrue(medianMs < 50, "median " + medianMs + " ms for a 672x672 scene");
    }

    @Test
    void scenesKeepTheirProportionsAtAnyResolution() {
        SyntheticScenes large = segmentation(SMALL.withSyntheticSize(448, 336));
        Sample s = large.load(Split.VAL, 0, Transform.eval(448, 336), 0);
        assertEquals(448, s.height());
        assertEquals(336, s.width());
        int foreground = 0;
        for (int m : s.mask()) {
            foreground += m == 0 ? 0 : 1;
        }
        double fraction = foreground / (448.0 * 336);
        assertTrue(fraction >= 0.05 && fraction <= 0.15, "foreground " + fraction);
    }

    @Test
    void theSearchSplitIsCarvedFromTheTrainingPool() {
        SyntheticScenes scenes = segmentation(SMALL);
        assertEquals(30, scenes.size(Split.SEARCH));
        assertEquals(270, scenes.size(Split.TRAIN));
        assertEquals(40, scenes.size(Split.VAL));
        Set<String> train = new HashSet<>();
        for (int i = 0; i < scenes.size(Split.TRAIN); i++) {
            train.add(scenes.sampleName(Split.TRAIN, i));
        }
        Set<String> search = new HashSet<>();
        for (int i = 0; i < scenes.size(Split.SEARCH); i++) {
            search.add(scenes.sampleName(Split.SEARCH, i));
        }
        assertEquals(270, train.size());
        assertEquals(30, search.size());
        search.retainAll(train);
        assertTrue(search.isEmpty(), "search and train share " + search);
        // and the pictures differ from every val picture (val is a separate stream)
        Set<Integer> valHashes = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            valHashes.add(Arrays.hashCode(scenes.load(Split.VAL, i, NATIVE, 0).image()));
        }
        for (int i = 0; i < 30; i++) {
            assertFalse(valHashes.contains(Arrays.hashCode(scenes.load(Split.SEARCH, i, NATIVE, 0).image())));
        }
    }

    @Test
    void theIdentityChangesWithAnythingThatChangesTheSamples() {
        String base = segmentation(SMALL).identity();
        assertEquals(base, segmentation(SMALL).identity());
        assertNotEquals(base, segmentation(SMALL.withSeed(1)).identity());
        assertNotEquals(base, segmentation(SMALL.withSyntheticSize(224, 256)).identity());
        assertNotEquals(base, segmentation(SMALL.withSyntheticTrain(301)).identity());
        assertNotEquals(base, segmentation(SMALL.withSyntheticVal(41)).identity());
        assertNotEquals(base, segmentation(SMALL.withSearchFraction(0.2)).identity());
        assertNotEquals(base, new SyntheticScenes(Task.CLASSIFICATION, SMALL).identity());
        assertNotEquals(base, segmentation(SMALL.withSynthetic(SyntheticKind.BENCHMARK)).identity());
        assertTrue(base.startsWith("synthetic-scenes/v" + SyntheticKind.EASY.version()), base);
    }
}
