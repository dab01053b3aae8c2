package org.sparsevit4j.supernet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparsevit4j.supernet.data.TestImages.assertInvalid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ade20kDatasetTest {

    private static final DatasetOptions OPTIONS = DatasetOptions.defaults().withSearchFraction(0.2);

    @TempDir
    Path root;

    @Test
    void zeroIsIgnoredAndOneToOneHundredFiftyBecomeZeroToOneHundredFortyNine() {
        DatasetTrees.ade20k(root);
        int w = 50;
        int h = 3;
        int[] values = new int[w * h];
        int[] expected = new int[w * h];
        for (int p = 0; p < values.length; p++) {
            values[p] = p; // 0..149 over the pixels
            expected[p] = p == 0 ? 255 : p - 1;
        }
        values[values.length - 1] = 150;
        expected[values.length - 1] = 149;
        TestImages.rgb(root.resolve("images/validation/ADE_val_00000007.jpg"), w, h, 1, 2, 3);
        TestImages.mask(root.resolve("annotations/validation/ADE_val_00000007.png"), w, h, values);
        Ade20kDataset data = new Ade20kDataset(root, OPTIONS);
        assertArrayEquals(expected, data.load(Split.VAL, 0, Transform.eval(h, w), 0).mask());
        assertEquals(150, data.numClasses());
        assertEquals("wall", data.classNames().get(0));
        assertEquals("person", data.classNames().get(12));
        assertEquals("flag", data.classNames().get(149));
        assertEquals(255, data.ignoreIndex());
    }

    @Test
    void trainingIsThePoolAndValidationIsVal() {
        DatasetTrees.ade20k(root);
        Ade20kDataset data = new Ade20kDataset(root, OPTIONS);
        assertEquals(5, data.size(Split.TRAIN));
        assertEquals(1, data.size(Split.SEARCH));
        assertEquals(2, data.size(Split.VAL));
        assertTrue(data.sampleName(Split.VAL, 0).endsWith("images/validation/ADE_val_00000007.jpg"));
        assertTrue(data.sampleName(Split.TRAIN, 0).contains("images/training/ADE_train_"));
        // images of several sizes: each sample's native mask keeps its own
        Sample a = data.load(Split.VAL, 0, Transform.eval(32, 32), 0);
        Sample b = data.load(Split.VAL, 1, Transform.eval(32, 32), 0);
        assertEquals(32 * 32, a.mask().length);
        assertEquals(60 * 30, a.nativeMask().size());
        assertEquals(64 * 32, b.nativeMask().size());
        assertEquals(64, b.nativeMask().width());
    }

    @Test
    void aValueAboveOneHundredFiftyFailsTheLoadOrIsSkipped() {
        DatasetTrees.ade20k(root);
        int[] values = DatasetTrees.pattern(36, 30, 0, DatasetTrees.ADE20K_VALUES);
        values[40] = 151;
        Path mask = TestImages.mask(root.resolve("annotations/training/ADE_train_00000001.png"), 36, 30, values);
        Ade20kDataset strict = new Ade20kDataset(root, OPTIONS.withSearchFraction(0));
        assertInvalid(() -> strict.load(Split.TRAIN, 0, Transform.eval(30, 36), 0), mask, "holds 151",
                "x=4, y=1", "ADE20K");
        Ade20kDataset lenient = new Ade20kDataset(root, OPTIONS.withSearchFraction(0).withSkipBad(true));
        lenient.load(Split.TRAIN, 0, Transform.eval(30, 36), 0);
        assertEquals(1, lenient.skipped());
    }

    @Test
    void aMissingAnnotationFailsTheOpenOrIsSkipped() throws IOException {
        DatasetTrees.ade20k(root);
        Path missing = root.resolve("annotations/training/ADE_train_00000003.png");
        Files.delete(missing);
        assertInvalid(() -> new Ade20kDataset(root, OPTIONS), missing, "missing mask");
        assertEquals(5, new Ade20kDataset(root, OPTIONS.withSkipBad(true)).size(Split.TRAIN)
                + new Ade20kDataset(root, OPTIONS.withSkipBad(true)).size(Split.SEARCH));
        Files.delete(root.resolve("annotations/validation/ADE_val_00000007.png"));
        Files.delete(root.resolve("annotations/validation/ADE_val_00000008.png"));
        Files.delete(root.resolve("annotations/validation"));
        assertInvalid(() -> new Ade20kDataset(root, OPTIONS), root.resolve("annotations/validation"), "no such folder");
    }
}
