package org.sparsevit4j.supernet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparsevit4j.supernet.data.TestImages.assertInvalid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CityscapesDatasetTest {

    private static final int W = DatasetTrees.CITYSCAPES_WIDTH;
    private static final int H = DatasetTrees.CITYSCAPES_HEIGHT;
    private static final Transform NATIVE = Transform.eval(H, W);
    private static final DatasetOptions OPTIONS = DatasetOptions.defaults().withSearchFraction(0.2);

    @TempDir
    Path root;

    @Test
    void labelIdsBecomeTheNineteenTrainIdsAndEveryOtherIdIsIgnored() {
        // every label id of labels.py, and 255 (the license plate's -1 in 8 bits)
        int[] ids = new int[W * H];
        int[] expected = new int[W * H];
        int[] trainIdOfId = {255, 255, 255, 255, 255, 255, 255, 0, 1, 255, 255, 2, 3, 4, 255, 255, 255, 5, 255, 6, 7,
            8, 9, 10, 11, 12, 13, 14, 15, 255, 255, 16, 17, 18};
        for (int p = 0; p < ids.length; p++) {
            int id = p % 35 == 34 ? 255 : p % 35;
            ids[p] = id;
            expected[p] = id == 255 ? 255 : trainIdOfId[id];
        }
        DatasetTrees.cityscapes(root);
        TestImages.mask(root.resolve("gtFine/val/frankfurt/frankfurt_000000_000019_gtFine_labelIds.png"), W, H, ids);
        CityscapesDataset data = new CityscapesDataset(root, OPTIONS);
        Sample s = data.load(Split.VAL, 0, NATIVE, 0);
        assertArrayEquals(expected, s.mask());
        for (int p = 0; p < expected.length; p++) {
            assertEquals(expected[p], s.nativeMask().classAt(p), "native mask pixel " + p);
        }
        assertEquals(19, data.numClasses());
        assertEquals(255, data.ignoreIndex());
        assertEquals(Task.SEGMENTATION, data.task());
        assertEquals(List.of("road", "sidewalk", "building", "wall", "fence", "pole", "traffic light", "traffic sign",
                "vegetation", "terrain", "sky", "person", "rider", "car", "truck", "bus", "train", "motorcycle",
                "bicycle"), data.classNames());
    }

    @Test
    void trainIsThePoolOfEveryCityValIsValAndTestIsNotRead() {
        DatasetTrees.cityscapes(root);
        CityscapesDataset data = new CityscapesDataset(root, OPTIONS);
        assertEquals(6, data.size(Split.TRAIN) + data.size(Split.SEARCH));
        assertEquals(1, data.size(Split.SEARCH), "round(0.2 * 6)");
        assertEquals(2, data.size(Split.VAL));
        List<String> names = new ArrayList<>();
        for (Split split : List.of(Split.TRAIN, Split.SEARCH)) {
            for (int i = 0; i < data.size(split); i++) {
                names.add(data.sampleName(split, i));
            }
        }
        assertTrue(names.stream().allMatch(n -> n.contains("leftImg8bit/train/")), names.toString());
        assertEquals(4, names.stream().filter(n -> n.contains("/aachen/aachen_")).count());
        assertTrue(data.sampleName(Split.VAL, 1)
                .endsWith("leftImg8bit/val/frankfurt/frankfurt_000001_000019_leftImg8bit.png"));
        assertTrue(data.describe().startsWith("Cityscapes " + root), data.describe());
        assertTrue(data.identity().startsWith("cityscapes "), data.identity());
        for (int i = 0; i < data.size(Split.TRAIN); i++) {
            int[] mask = data.load(Split.TRAIN, i, NATIVE, 0).mask();
            assertTrue(java.util.Arrays.stream(mask).allMatch(v -> v < 19 || v == 255));
        }
    }

    @Test
    void aMissingOrMisSizedMaskFailsTheOpenOrIsSkipped() throws IOException {
        DatasetTrees.cityscapes(root);
        Path missing = root.resolve("gtFine/train/bochum/bochum_000001_000019_gtFine_labelIds.png");
        Files.delete(missing);
        assertInvalid(() -> new CityscapesDataset(root, OPTIONS), missing, "missing mask");
        Path small = TestImages.uniformMask(
                root.resolve("gtFine/val/frankfurt/frankfurt_000000_000019_gtFine_labelIds.png"), W / 2, H, 7);
        CityscapesDataset skipping = new CityscapesDataset(root, OPTIONS.withSkipBad(true));
        assertEquals(2, skipping.skipped());
        assertEquals(5, skipping.size(Split.TRAIN) + skipping.size(Split.SEARCH));
        assertEquals(1, skipping.size(Split.VAL));
        String image = root.resolve("leftImg8bit/val/frankfurt/frankfurt_000000_000019_leftImg8bit.png").toString();
        assertTrue(skipping.skipReasons().get(image).contains(small + ": mask is 24x24"),
                skipping.skipReasons().toString());
    }

    @Test
    void anUnknownLabelIdFailsTheLoadNamingTheFileOrIsSkipped() {
        DatasetTrees.cityscapes(root);
        int[] ids = DatasetTrees.pattern(W, H, 0, DatasetTrees.CITYSCAPES_IDS);
        ids[W + 2] = 34;
        Path mask = TestImages.mask(root.resolve("gtFine/val/frankfurt/frankfurt_000001_000019_gtFine_labelIds.png"), W,
                H, ids);
        CityscapesDataset strict = new CityscapesDataset(root, OPTIONS);
        assertInvalid(() -> strict.load(Split.VAL, 1, NATIVE, 0), mask, "x=2, y=1", "holds 34", "Cityscapes label id");
        CityscapesDataset lenient = new CityscapesDataset(root, OPTIONS.withSkipBad(true));
        assertEquals(data(lenient, 0), data(lenient, 1), "the next good sample stands in");
        assertEquals(1, lenient.skipped());
    }

    @Test
    void missingFoldersAreNamed() throws IOException {
        DatasetTrees.cityscapes(root);
        Files.move(root.resolve("gtFine/val"), root.resolve("gtFine/val-old"));
        assertInvalid(() -> new CityscapesDataset(root, OPTIONS), root.resolve("gtFine/val"), "no such folder");
    }

    private static String data(CityscapesDataset d, int index) {
        return java.util.Arrays.toString(d.load(Split.VAL, index, NATIVE, 0).mask());
    }
}
