package org.sparsevit4j.supernet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.sparsevit4j.supernet.data.TestImages.assertInvalid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFormatTest {

    @TempDir
    Path dir;

    @Test
    void eachLayoutIsRecognisedByItsOwnFolders() throws IOException {
        assertEquals(DatasetFormat.CITYSCAPES, DatasetFormat.detect(DatasetTrees.cityscapes(dir.resolve("cs"))));
        assertEquals(DatasetFormat.ADE20K, DatasetFormat.detect(DatasetTrees.ade20k(dir.resolve("ade"))));
        assertEquals(DatasetFormat.VOC, DatasetFormat.detect(DatasetTrees.voc(dir.resolve("voc"))));
        Path folders = dir.resolve("folders");
        Files.createDirectories(folders.resolve("train"));
        Files.createDirectories(folders.resolve("val"));
        assertEquals(DatasetFormat.FOLDERS, DatasetFormat.detect(folders));
        assertEquals(Task.CLASSIFICATION, Datasets.task(folders, DatasetFormat.FOLDERS));
        TestImages.text(folders.resolve("classes.json"), "{\"classes\": [\"a\"]}");
        assertEquals(Task.SEGMENTATION, Datasets.task(folders, DatasetFormat.FOLDERS));
        assertEquals(Task.SEGMENTATION, Datasets.task(dir.resolve("voc"), DatasetFormat.VOC));
    }

    @Test
    void twoLayoutsInOneFolderAreNotGuessedAt() throws IOException {
        Path root = DatasetTrees.cityscapes(dir.resolve("cs"));
        Files.createDirectories(root.resolve("train"));
        Files.createDirectories(root.resolve("val"));
        assertInvalid(() -> DatasetFormat.detect(root), root, "folders (train/ and val/)",
                "cityscapes (leftImg8bit/ and gtFine/)", "--format folders|cityscapes");
    }

    @Test
    void aFolderOfNoLayoutSaysWhatEachNeedsAndPointsIntoAKnownFolder() throws IOException {
        assertInvalid(() -> DatasetFormat.detect(dir), dir, "not a dataset folder", "train/ and val/ (folders)",
                "leftImg8bit/ and gtFine/ (cityscapes)", "images/training/ and annotations/training/ (ade20k)",
                "JPEGImages/, SegmentationClass/ and ImageSets/Segmentation/ (voc)");
        DatasetTrees.voc(dir.resolve("VOCdevkit/VOC2012"));
        assertInvalid(() -> DatasetFormat.detect(dir), "did you mean --dataset " + dir.resolve("VOCdevkit/VOC2012"));
        assertInvalid(() -> DatasetFormat.detect(dir.resolve("absent")), dir.resolve("absent"), "no such folder");
    }

    @Test
    void formatsParseByTheirNamesAndFixTheTask() {
        assertEquals(DatasetFormat.ADE20K, DatasetFormat.parse(" ADE20K "));
        assertEquals("cityscapes", DatasetFormat.CITYSCAPES.cliName());
        assertInvalid(() -> DatasetFormat.parse("coco"), "--format coco", "folders, cityscapes, ade20k, voc");
        Path voc = DatasetTrees.voc(dir.resolve("voc"));
        assertInstanceOf(VocDataset.class, Datasets.open(voc, DatasetFormat.VOC, Task.SEGMENTATION,
                DatasetOptions.defaults()));
        assertInvalid(() -> Datasets.open(voc, DatasetFormat.VOC, Task.CLASSIFICATION, DatasetOptions.defaults()),
                "--task classification", "voc", "segmentation");
        // a layout named by --format is read as that layout: the error names what it lacks
        assertInvalid(() -> Datasets.open(voc, DatasetFormat.ADE20K, Task.SEGMENTATION, DatasetOptions.defaults()),
                voc.resolve("images/training"), "no such folder");
    }
}
