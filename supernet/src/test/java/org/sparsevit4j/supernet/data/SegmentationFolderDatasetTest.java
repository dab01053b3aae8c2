package org.sparsevit4j.supernet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparsevit4j.supernet.data.TestImages.assertInvalid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentationFolderDatasetTest {

    private static final int W = 8;
    private static final int H = 6;
    private static final DatasetOptions OPTIONS = DatasetOptions.defaults().withSearchFraction(0.2);
    private static final Transform NATIVE = Transform.eval(H, W);

    @TempDir
    Path root;

    private Path classesFile;

    /** A mask with classes 0..2 by column band and an ignored bottom row. */
    private static int[] pattern(int shift) {
        int[] values = new int[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                values[y * W + x] = y == H - 1 ? 255 : ((x + shift) / 3) % 3;
            }
        }
        return values;
    }

    /** train: 10 PNG/JPEG images with grey masks; val: 3 images with palette masks. */
    private void writeDataset() {
        classesFile = TestImages.text(root.resolve("classes.json"),
                "{\"classes\": [\"background\", \"cat\", \"dog\"], \"ignore_index\": 255}");
        for (int i = 0; i < 10; i++) {
            String ext = i % 3 == 0 ? ".jpg" : ".png";
            TestImages.rgb(root.resolve("train/images/t" + i + ext), W, H, 20 * i, 100, 50);
            TestImages.mask(root.resolve("train/masks/t" + i + ".png"), W, H, pattern(i));
        }
        for (int i = 0; i < 3; i++) {
            TestImages.rgb(root.resolve("val/images/v" + i + ".png"), W, H, 10, 20 * i, 30);
            TestImages.paletteMask(root.resolve("val/masks/v" + i + ".png"), W, H, pattern(i));
        }
    }

    private SegmentationFolderDataset open(DatasetOptions options) {
        return new SegmentationFolderDataset(root, options);
    }

    @Test
    void masksAreReadAsClassIndicesFromGreyAndPalettePngs() {
        writeDataset();
        SegmentationFolderDataset data = open(OPTIONS);
        assertEquals(List.of("background", "cat", "dog"), data.classNames());
        assertEquals(3, data.numClasses());
        assertEquals(255, data.ignoreIndex());
        assertEquals(Task.SEGMENTATION, data.task());
        assertEquals(2, data.size(Split.SEARCH));
        assertEquals(8, data.size(Split.TRAIN));
        assertEquals(3, data.size(Split.VAL));
        for (int i = 0; i < 3; i++) {
            Sample s = data.load(Split.VAL, i, NATIVE, 0);
            assertEquals(-1, s.label());
            assertArrayEquals(pattern(i), s.mask(), "palette indices, not colours");
        }
        for (Split split : List.of(Split.TRAIN, Split.SEARCH)) {
            for (int i = 0; i < data.size(split); i++) {
                String name = Path.of(data.sampleName(split, i)).getFileName().toString();
                int shift = Integer.parseInt(name.substring(1, name.indexOf('.')));
                assertArrayEquals(pattern(shift), data.load(split, i, NATIVE, 0).mask(), name);
            }
        }
        Sample resized = data.load(Split.VAL, 0, Transform.eval(12, 16), 0);
        assertEquals(12 * 16, resized.mask().length);
        Sample augmented = data.load(Split.TRAIN, 0, Transform.train(H, W), 9);
        for (int m : augmented.mask()) {
            assertTrue(m < 3 || m == 255, "mask value " + m);
        }
    }

    @Test
    void classesJsonIsStrict() {
        writeDataset();
        String[][] cases = {
            {"{\"classes\": [\"a\", \"b\"], \"ignore_index\": 255, \"palette\": []}", "unknown field \"palette\""},
            {"{\"classes\": [\"a\", null]}", "class 1 must be a non-blank string"},
            {"{\"ignore_index\": 255}", "missing field \"classes\""},
            {"{\"classes\": \"a,b\"}", "\"classes\" must be a list, found the string \"a,b\""},
            {"{\"classes\": []}", "\"classes\" must be a non-empty list"},
            {"{\"classes\": [\"a\", 2]}", "\"classes[1]\" must be a string, found the number 2"},
            {"{\"classes\": [\"a\", \" \"]}", "class 1 must be a non-blank string"},
            {"{\"classes\": [\"a\", \"a\"]}", "appears twice"},
            {"{\"classes\": [\"a\", \"b\"], \"ignore_index\": 255.0}", "\"ignore_index\" must be a whole number"},
            {"{\"classes\": [\"a\", \"b\"], \"ignore_index\": \"255\"}", "\"ignore_index\" must be a whole number"},
            {"{\"classes\": [\"a\", \"b\"], \"ignore_index\": 1}", "\"ignore_index\" 1 must be in [2, 255]"},
            {"{\"classes\": [\"a\", \"b\"], \"ignore_index\": 300}", "must be in [2, 255]"},
            {"{\"classes\": [\"a\"], \"classes\": [\"b\"]}", "invalid JSON"},
            {"{\"classes\": [\"a\"]} {}", "unexpected content"},
            {"{\"classes\": [\"a\"", "invalid JSON"},
            {"[\"a\", \"b\"]", "the top level must be an object, found a list"},
            {"", "empty, where a JSON value belongs"},
        };
        for (String[] c : cases) {
            TestImages.text(classesFile, c[0]);
            assertInvalid(() -> open(OPTIONS), classesFile, c[1]);
        }
        TestImages.text(classesFile, "{\"classes\": [\"background\", \"cat\", \"dog\"]}");
        assertEquals(255, open(OPTIONS).ignoreIndex(), "ignore_index defaults to 255");
    }

    @Test
    void aMissingClassesFileIsNamed() throws IOException {
        writeDataset();
        Files.delete(classesFile);
        assertInvalid(() -> open(OPTIONS), classesFile, "no such file");
    }

    @Test
    void aMissingMaskFailsTheOpenOrIsSkipped() throws IOException {
        writeDataset();
        Path mask = root.resolve("train/masks/t4.png");
        Files.delete(mask);
        assertInvalid(() -> open(OPTIONS), mask, "missing mask");
        SegmentationFolderDataset data = open(OPTIONS.withSkipBad(true));
        assertEquals(1, data.skipped());
        assertEquals(List.of(root.resolve("train/images/t4.png").toString()), data.skippedFiles());
        assertEquals(9, data.size(Split.TRAIN) + data.size(Split.SEARCH));
    }

    @Test
    void aMaskOfAnotherSizeFailsTheOpenOrIsSkipped() {
        writeDataset();
        Path mask = TestImages.uniformMask(root.resolve("val/masks/v1.png"), W + 1, H, 0);
        assertInvalid(() -> open(OPTIONS), mask, "9x6", "8x6");
        SegmentationFolderDataset data = open(OPTIONS.withSkipBad(true));
        assertEquals(List.of(root.resolve("val/images/v1.png").toString()), data.skippedFiles());
        assertEquals(2, data.size(Split.VAL));
    }

    @Test
    void aColourMaskIsRejected() {
        writeDataset();
        Path mask = TestImages.rgb(root.resolve("train/masks/t2.png"), W, H, 1, 1, 1);
        assertInvalid(() -> open(OPTIONS), mask, "single-channel", "3 channel");
        assertEquals(1, open(OPTIONS.withSkipBad(true)).skipped());
    }

    @Test
    void aCorruptImageFailsTheOpenOrIsSkipped() {
        writeDataset();
        Path image = TestImages.garbage(root.resolve("train/images/t7.png"));
        assertInvalid(() -> open(OPTIONS), image, "not a readable image");
        Path mask = TestImages.garbage(root.resolve("train/masks/t8.png"));
        SegmentationFolderDataset data = open(OPTIONS.withSkipBad(true));
        assertEquals(2, data.skipped());
        assertTrue(data.skipReasons().get(root.resolve("train/images/t8.png").toString()).contains(mask.toString()));
    }

    @Test
    void aClassOutOfRangeFailsTheLoadOrIsReplacedByTheNextGoodSample() {
        writeDataset();
        int[] values = pattern(0);
        values[5] = 7;
        Path mask = TestImages.paletteMask(root.resolve("val/masks/v1.png"), W, H, values);
        SegmentationFolderDataset strict = open(OPTIONS);
        assertInvalid(() -> strict.load(Split.VAL, 1, NATIVE, 0), mask, "holds 7", "x=5, y=0", "ignore index 255");

        SegmentationFolderDataset lenient = open(OPTIONS.withSkipBad(true));
        Sample replacement = lenient.load(Split.VAL, 1, NATIVE, 0);
        assertArrayEquals(pattern(2), replacement.mask(), "the next good sample of the split");
        assertEquals(List.of(root.resolve("val/images/v1.png").toString()), lenient.skippedFiles());
        assertTrue(lenient.skipReasons().values().iterator().next().contains(mask.toString()));
    }

    @Test
    void aLastBadSampleIsReplacedByWrappingAroundAndAllBadIsAnError() {
        writeDataset();
        int[] bad = pattern(0);
        bad[0] = 3;
        TestImages.mask(root.resolve("val/masks/v2.png"), W, H, bad);
        SegmentationFolderDataset data = open(OPTIONS.withSkipBad(true));
        assertArrayEquals(pattern(0), data.load(Split.VAL, 2, NATIVE, 0).mask());
        TestImages.mask(root.resolve("val/masks/v0.png"), W, H, bad);
        TestImages.mask(root.resolve("val/masks/v1.png"), W, H, bad);
        SegmentationFolderDataset allBad = open(OPTIONS.withSkipBad(true));
        assertInvalid(() -> allBad.load(Split.VAL, 0, NATIVE, 0), root.resolve("val"), "every image");
        assertEquals(3, allBad.skipped());
    }

    @Test
    void everyImageBadAtOpenIsAnErrorEvenWhenSkipping() {
        writeDataset();
        for (int i = 0; i < 3; i++) {
            TestImages.garbage(root.resolve("val/images/v" + i + ".png"));
        }
        assertInvalid(() -> open(OPTIONS.withSkipBad(true)), root.resolve("val"), "every one of its 3 images is bad");
    }

    @Test
    void missingAndEmptyFoldersAreNamed() throws IOException {
        assertInvalid(() -> open(OPTIONS), root.resolve("classes.json"));
        writeDataset();
        for (int i = 0; i < 3; i++) {
            Files.delete(root.resolve("val/masks/v" + i + ".png"));
        }
        Files.delete(root.resolve("val/masks"));
        assertInvalid(() -> open(OPTIONS), root.resolve("val/masks"), "no such folder");
        Files.createDirectories(root.resolve("val/masks"));
        for (int i = 0; i < 3; i++) {
            Files.delete(root.resolve("val/images/v" + i + ".png"));
        }
        assertInvalid(() -> open(OPTIONS), root.resolve("val/images"), "no .png");
        assertInvalid(() -> new SegmentationFolderDataset(root.resolve("absent"), OPTIONS), root.resolve("absent"),
                "no such folder");
    }

    @Test
    void twoImagesWithOneNameAreAnError() {
        writeDataset();
        Path twin = TestImages.rgb(root.resolve("train/images/t1.jpg"), W, H, 0, 0, 0);
        assertInvalid(() -> open(OPTIONS), twin, "same name", root.resolve("train/images/t1.png"));
    }

    @Test
    void theIdentityFollowsMasksAndClasses() throws IOException {
        writeDataset();
        String first = open(OPTIONS).identity();
        assertEquals(first, open(OPTIONS).identity());
        Path mask = root.resolve("train/masks/t1.png");
        Files.setLastModifiedTime(mask, FileTime.fromMillis(Files.getLastModifiedTime(mask).toMillis() + 10_000));
        String touched = open(OPTIONS).identity();
        assertNotEquals(first, touched);
        TestImages.text(classesFile, "{\"classes\": [\"background\", \"cat\", \"dog\", \"eel\"]}");
        assertNotEquals(touched, open(OPTIONS).identity());
        assertNotEquals(first, open(OPTIONS.withSearchFraction(0.3)).identity());
    }
}
