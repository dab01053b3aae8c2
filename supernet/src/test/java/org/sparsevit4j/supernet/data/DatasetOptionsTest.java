package org.sparsevit4j.supernet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparsevit4j.supernet.data.TestImages.assertInvalid;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetOptionsTest {

    @TempDir
    Path root;

    @Test
    void defaultsAndWithers() {
        DatasetOptions d = DatasetOptions.defaults();
        assertEquals(new DatasetOptions(0, 0.10, false, 224, 224, 2000, 200, SyntheticKind.BENCHMARK), d);
        // options written before the built-in data had a kind meant the easy scenes
        assertEquals(SyntheticKind.EASY, new DatasetOptions(0, 0.10, false, 224, 224, 2000, 200).synthetic());
        assertEquals(SyntheticKind.EASY, d.withSynthetic(SyntheticKind.EASY).synthetic());
        assertEquals(7, d.withSeed(7).seed());
        assertEquals(0.3, d.withSearchFraction(0.3).searchFraction());
        assertTrue(d.withSkipBad(true).skipBad());
        assertEquals(672, d.withSyntheticHeight(672).syntheticHeight());
        assertEquals(640, d.withSyntheticWidth(640).syntheticWidth());
        DatasetOptions sized = d.withSyntheticSize(448, 320);
        assertEquals(448, sized.syntheticHeight());
        assertEquals(320, sized.syntheticWidth());
        assertEquals(10, d.withSyntheticTrain(10).syntheticTrain());
        assertEquals(3, d.withSyntheticVal(3).syntheticVal());
        assertEquals(d.seed(), d.withSyntheticVal(3).seed());
    }

    @Test
    void impossibleOptionsAreRejected() {
        DatasetOptions d = DatasetOptions.defaults();
        assertInvalid(() -> d.withSearchFraction(1), "search fraction 1.0", "[0, 1)");
        assertInvalid(() -> d.withSearchFraction(Double.NaN), "search fraction NaN");
        assertInvalid(() -> d.withSyntheticHeight(16), "synthetic height 16");
        assertInvalid(() -> d.withSyntheticWidth(20_000), "synthetic width 20000");
        assertInvalid(() -> d.withSyntheticTrain(0), "synthetic train size 0");
        assertInvalid(() -> d.withSyntheticVal(0), "synthetic val size 0");
    }

    @Test
    void theFactoryPicksTheDatasetOfTheTask() {
        assertInstanceOf(SyntheticScenes.class, Datasets.synthetic(Task.CLASSIFICATION, DatasetOptions.defaults()));
        assertInvalid(() -> Datasets.open(root, DatasetFormat.FOLDERS, Task.CLASSIFICATION,
                DatasetOptions.defaults()), root.resolve("train"));
        assertInvalid(() -> Datasets.open(root, DatasetFormat.FOLDERS, Task.SEGMENTATION,
                DatasetOptions.defaults()), root.resolve("classes.json"));
        assertEquals(Task.SEGMENTATION, Task.parse(" Segmentation "));
        assertEquals("classification", Task.CLASSIFICATION.cliName());
        assertInvalid(() -> Task.parse("detection"), "task \"detection\"");
    }
}
