package org.sparsevit4j.supernet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparsevit4j.supernet.data.TestImages.assertInvalid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderDatasetTest {

    private static final DatasetOptions OPTIONS = DatasetOptions.defaults().withSearchFraction(0.25);
    private static final Transform EVAL = Transform.eval(8, 8);

    @TempDir
    Path root;

    /** train: ant 4, cat 3, dog 5 images (12); val: 2 per class. Each class has its own colour. */
    private void writeDataset() {
        String[] classes = {"dog", "ant", "cat"};
        int[] trainCounts = {5, 4, 3};
        int[][] colours = {{200, 40, 40}, {40, 200, 40}, {40, 40, 200}};
        for (int c = 0; c < classes.length; c++) {
            for (int i = 0; i < trainCounts[c]; i++) {
                String name = classes[c] + i + (i % 2 == 0 ? ".png" : ".jpg");
                TestImages.rgb(root.resolve("train").resolve(classes[c]).resolve(name), 8 + i, 6 + c,
                        colours[c][0], colours[c][1], colours[c][2]);
            }
            for (int i = 0; i < 2; i++) {
                TestImages.rgb(root.resolve("val").resolve(classes[c]).resolve("v" + i + ".png"), 8, 8,
                        colours[c][0], colours[c][1], colours[c][2]);
            }
        }
    }

    private static float denormalizedMean(Sample s, int channel) {
        int plane = s.height() * s.width();
        double sum = 0;
        for (int p = 0; p < plane; p++) {
            sum += ImageNetNormalization.denormalize(channel, s.image()[channel * plane + p]);
        }
        return (float) (sum / plane);
    }

    @Test
    void classesAreTheSortedTrainFoldersAndLabelsFollowThem() {
        writeDataset();
        ImageFolderDataset data = new ImageFolderDataset(root, OPTIONS);
        assertEquals(List.of("ant", "cat", "dog"), data.classNames());
        assertEquals(Task.CLASSIFICATION, data.task());
        assertEquals(3, data.size(Split.SEARCH));
        assertEquals(9, data.size(Split.TRAIN));
        assertEquals(6, data.size(Split.VAL));
        int[] dominantChannel = {1, 2, 0};
        for (Split split : Split.values()) {
            for (int i = 0; i < data.size(split); i++) {
                Sample s = data.load(split, i, EVAL, 0);
                String folder = Path.of(data.sampleName(split, i)).getParent().getFileName().toString();
                assertEquals(data.classNames().indexOf(folder), s.label(), data.sampleName(split, i));
                assertNull(s.mask());
                assertEquals(8, s.height());
                // the decoded colour is the class's colour (JPEG within a few levels)
                assertTrue(denormalizedMean(s, dominantChannel[s.label()]) > 180, data.sampleName(split, i));
            }
        }
    }

    @Test
    void pixelsAreDecodedExactlyWhateverThePngKind() {
        int[] palette = TestImages.paletteColour(10);
        int[] indices = new int[16];
        Arrays.fill(indices, 10);
        for (String split : List.of("train", "val")) {
            TestImages.rgb(root.resolve(split + "/a/rgb.png"), 4, 4, 200, 30, 60);
            TestImages.grey(root.resolve(split + "/b/grey.png"), 4, 4, 100);
            TestImages.rgba(root.resolve(split + "/c/rgba.png"), 4, 4, 10, 220, 90);
            TestImages.paletteMask(root.resolve(split + "/d/palette.png"), 4, 4, indices);
        }
        ImageFolderDataset data = new ImageFolderDataset(root, DatasetOptions.defaults().withSearchFraction(0));
        int[][] expected = {{200, 30, 60}, {100, 100, 100}, {10, 220, 90}, palette};
        for (int i = 0; i < 4; i++) {
            Sample s = data.load(Split.VAL, i, Transform.eval(4, 4), 0);
            for (int c = 0; c < 3; c++) {
                // grey must not be gamma-brightened, alpha is dropped, a palette index shows its colour
                assertEquals(expected[i][c], denormalizedMean(s, c), 1e-3f, data.sampleName(Split.VAL, i) + " " + c);
            }
        }
    }

    @Test
    void nestedFilesAreFoundAndHiddenOrOtherFilesIgnored() throws IOException {
        writeDataset();
        TestImages.rgb(root.resolve("train/ant/deeper/more/n.png"), 8, 8, 1, 2, 3);
        TestImages.garbage(root.resolve("train/ant/._n.png"));
        TestImages.garbage(root.resolve("train/.ipynb_checkpoints/x.png"));
        TestImages.text(root.resolve("train/ant/notes.txt"), "not an image");
        Files.createDirectories(root.resolve("val/.cache"));
        ImageFolderDataset data = new ImageFolderDataset(root, OPTIONS.withSearchFraction(0));
        assertEquals(13, data.size(Split.TRAIN));
        assertEquals(List.of("ant", "cat", "dog"), data.classNames());
    }

    @Test
    void valMustHaveTheSameClassFolders() throws IOException {
        writeDataset();
        Files.createDirectories(root.resolve("val/zebra"));
        assertInvalid(() -> new ImageFolderDataset(root, OPTIONS), root.resolve("val/zebra"), "not in");
        Files.delete(root.resolve("val/zebra"));
        for (String file : List.of("v0.png", "v1.png")) {
            Files.delete(root.resolve("val/cat").resolve(file));
        }
        Files.delete(root.resolve("val/cat"));
        assertInvalid(() -> new ImageFolderDataset(root, OPTIONS), root.resolve("val/cat"), "missing class folder");
    }

    @Test
    void missingOrEmptyFoldersAreNamed() throws IOException {
        assertInvalid(() -> new ImageFolderDataset(root.resolve("nowhere"), OPTIONS), root.resolve("nowhere"),
                "no such folder");
        assertInvalid(() -> new ImageFolderDataset(root, OPTIONS), root.resolve("train"), "no such folder");
        Files.createDirectories(root.resolve("train"));
        Files.createDirectories(root.resolve("val"));
        assertInvalid(() -> new ImageFolderDataset(root, OPTIONS), root.resolve("train"), "no class folders");
        Files.createDirectories(root.resolve("train/cat"));
        Files.createDirectories(root.resolve("val/cat"));
        assertInvalid(() -> new ImageFolderDataset(root, OPTIONS), root.resolve("train/cat"), "no .png");
        TestImages.rgb(root.resolve("train/cat/a.png"), 4, 4, 1, 1, 1);
        TestImages.rgb(root.resolve("train/cat/b.png"), 4, 4, 1, 1, 1);
        assertInvalid(() -> new ImageFolderDataset(root, OPTIONS), root.resolve("val"), "no .png");
    }

    @Test
    void anUnreadableImageFailsTheOpenOrIsSkipped() {
        writeDataset();
        Path bad = TestImages.garbage(root.resolve("train/cat/broken.png"));
        Path empty = TestImages.bytes(root.resolve("val/dog/empty.jpg"), new byte[0]);
        assertInvalid(() -> new ImageFolderDataset(root, OPTIONS), bad, "not a readable image");
        ImageFolderDataset data = new ImageFolderDataset(root, OPTIONS.withSkipBad(true));
        assertEquals(2, data.skipped());
        assertEquals(List.of(bad.toString(), empty.toString()), data.skippedFiles());
        assertTrue(data.skipReasons().get(bad.toString()).contains("not a readable image"));
        assertEquals(12, data.size(Split.TRAIN) + data.size(Split.SEARCH));
        assertEquals(6, data.size(Split.VAL));
        for (Split split : Split.values()) {
            for (int i = 0; i < data.size(split); i++) {
                assertNotEquals(bad.toString(), data.sampleName(split, i));
                data.load(split, i, EVAL, 0);
            }
        }
        assertTrue(data.describe().contains("2 skipped"), data.describe());
    }

    @Test
    void corruptPixelDataFailsTheLoadOrIsReplacedByTheNextGoodImage() {
        writeDataset();
        Path truncated = TestImages.truncate(TestImages.noisy(root.resolve("val/cat/cut.png"), 64, 64, 7), 400);
        ImageFolderDataset strict = new ImageFolderDataset(root, OPTIONS);
        int at = indexOf(strict, Split.VAL, truncated);
        assertInvalid(() -> strict.load(Split.VAL, at, EVAL, 0), truncated, "corrupt image data");

        ImageFolderDataset lenient = new ImageFolderDataset(root, OPTIONS.withSkipBad(true));
        assertEquals(0, lenient.skipped(), "the header is fine, so the open accepts the file");
        Sample replacement = lenient.load(Split.VAL, at, EVAL, 0);
        assertArrayEquals(lenient.load(Split.VAL, at + 1, EVAL, 0).image(), replacement.image());
        assertEquals(1, lenient.skipped());
        assertEquals(List.of(truncated.toString()), lenient.skippedFiles());
        lenient.load(Split.VAL, at, EVAL, 0);
        assertEquals(1, lenient.skipped(), "a file is counted once");
    }

    @Test
    void aJpegCutShortIsCorruptNotSilentlyGrey() throws IOException {
        writeDataset();
        Path jpeg = TestImages.noisy(root.resolve("val/ant/cut.jpg"), 64, 64, 3);
        TestImages.truncate(jpeg, (int) Files.size(jpeg) - 50);
        ImageFolderDataset strict = new ImageFolderDataset(root, OPTIONS);
        int at = indexOf(strict, Split.VAL, jpeg);
        assertInvalid(() -> strict.load(Split.VAL, at, EVAL, 0), jpeg, "corrupt image data");
    }

    @Test
    void theIdentityFollowsTheFiles() throws IOException {
        writeDataset();
        String first = new ImageFolderDataset(root, OPTIONS).identity();
        assertEquals(first, new ImageFolderDataset(root, OPTIONS).identity());
        assertNotEquals(first, new ImageFolderDataset(root, OPTIONS.withSeed(5)).identity());
        TestImages.rgb(root.resolve("train/cat/extra.png"), 8, 8, 1, 2, 3);
        String added = new ImageFolderDataset(root, OPTIONS).identity();
        assertNotEquals(first, added);
        TestImages.rgb(root.resolve("train/cat/extra.png"), 9, 8, 1, 2, 3);
        assertNotEquals(added, new ImageFolderDataset(root, OPTIONS).identity());
        assertTrue(first.contains(root.toAbsolutePath().toString()), first);
    }

    @Test
    void theSearchSplitIsDisjointFromTrainAndVal() {
        writeDataset();
        ImageFolderDataset data = new ImageFolderDataset(root, OPTIONS);
        Set<String> search = names(data, Split.SEARCH);
        Set<String> train = names(data, Split.TRAIN);
        Set<String> val = names(data, Split.VAL);
        assertEquals(3, search.size());
        Set<String> all = new HashSet<>(train);
        all.addAll(search);
        all.addAll(val);
        assertEquals(search.size() + train.size() + val.size(), all.size());
        assertTrue(search.stream().allMatch(n -> n.contains("/train/")));
        assertEquals(search, names(new ImageFolderDataset(root, OPTIONS), Split.SEARCH), "seeded");
        assertNotEquals(search, names(new ImageFolderDataset(root, OPTIONS.withSeed(3)), Split.SEARCH));
    }

    private static Set<String> names(SampleSource data, Split split) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < data.size(split); i++) {
            names.add(data.sampleName(split, i));
        }
        return names;
    }

    private static int indexOf(SampleSource data, Split split, Path file) {
        for (int i = 0; i < data.size(split); i++) {
            if (data.sampleName(split, i).equals(file.toString())) {
                return i;
            }
        }
        throw new AssertionError(file + " is not in " + split);
    }
}
