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

class VocDatasetTest {

    private static final DatasetOptions OPTIONS = DatasetOptions.defaults().withSearchFraction(0.2);

    @TempDir
    Path root;

    @Test
    void paletteMasksAreReadAsIndicesWithTheBorderIgnored() {
        DatasetTrees.voc(root);
        VocDataset data = new VocDataset(root, OPTIONS);
        // val lists images 6 and 7; the palette's colours are not the indices, so reading colours would fail this
        int[] expected = DatasetTrees.pattern(58, 26, 6, DatasetTrees.VOC_VALUES);
        assertArrayEquals(expected, data.load(Split.VAL, 0, Transform.eval(26, 58), 0).mask());
        assertTrue(java.util.Arrays.stream(expected).anyMatch(v -> v == 255), "the border value occurs");
        assertEquals(21, data.numClasses());
        assertEquals("background", data.classNames().get(0));
        assertEquals("person", data.classNames().get(15));
        assertEquals("tvmonitor", data.classNames().get(20));
        assertEquals(255, data.ignoreIndex());
    }

    @Test
    void theSplitListsSayWhichImagesAreInWhichSplit() throws IOException {
        DatasetTrees.voc(root);
        Path trainList = root.resolve("ImageSets/Segmentation/train.txt");
        // a blank line, a name listed twice and the per-class lists' second field are tolerated
        Files.writeString(trainList, Files.readString(trainList) + "\n2007_000027  1\n");
        VocDataset data = new VocDataset(root, OPTIONS);
        assertEquals(6, data.size(Split.TRAIN) + data.size(Split.SEARCH));
        assertEquals(2, data.size(Split.VAL));
        List<String> train = new ArrayList<>();
        for (int i = 0; i < data.size(Split.TRAIN); i++) {
            train.add(Path.of(data.sampleName(Split.TRAIN, i)).getFileName().toString());
        }
        assertTrue(train.stream().allMatch(n -> n.matches("2007_0000(27|32|37|42|47|52)\\.jpg")), train.toString());
        assertTrue(data.sampleName(Split.VAL, 1).endsWith("JPEGImages/2007_000062.jpg"));
        assertTrue(data.describe().startsWith("Pascal VOC 2012 " + root), data.describe());

        Files.writeString(trainList, "2007_000027\n../etc/passwd\n");
        assertInvalid(() -> new VocDataset(root, OPTIONS), trainList, "line 2", "not an image name");
        Files.writeString(trainList, "\n\n");
        assertInvalid(() -> new VocDataset(root, OPTIONS), trainList, "lists no image names");
        Files.delete(trainList);
        assertInvalid(() -> new VocDataset(root, OPTIONS), trainList, "no such file");
    }

    @Test
    void aListedImageOrMaskThatIsMissingFailsTheOpenOrIsSkipped() throws IOException {
        DatasetTrees.voc(root);
        Path image = root.resolve("JPEGImages/2007_000032.jpg");
        Files.delete(image);
        assertInvalid(() -> new VocDataset(root, OPTIONS), image, "cannot open");
        Path mask = root.resolve("SegmentationClass/2007_000057.png");
        Files.delete(mask);
        VocDataset data = new VocDataset(root, OPTIONS.withSkipBad(true));
        assertEquals(2, data.skipped());
        assertEquals(5, data.size(Split.TRAIN) + data.size(Split.SEARCH));
        assertEquals(1, data.size(Split.VAL));
        assertTrue(data.skipReasons().get(root.resolve("JPEGImages/2007_000057.jpg").toString())
                .contains(mask + ": missing mask"));
    }

    @Test
    void anIndexThatIsNoVocClassFailsTheLoad() {
        DatasetTrees.voc(root);
        int[] values = DatasetTrees.pattern(58, 26, 6, DatasetTrees.VOC_VALUES);
        values[3] = 21;
        Path mask = TestImages.paletteMask(root.resolve("SegmentationClass/2007_000057.png"), 58, 26, values);
        VocDataset data = new VocDataset(root, OPTIONS);
        assertInvalid(() -> data.load(Split.VAL, 0, Transform.eval(26, 58), 0), mask, "holds 21", "VOC class index");
    }
}
