package org.sparsevit4j.evaluator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class PixelClassesTest {

    @Test
    void logitsAreResizedToTheLabelBeforeTheArgmax() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // class 0 scores 0.5 everywhere; class 1 scores 1 at the top-left pixel of a 2x2 map, 0 elsewhere
            NDArray logits = manager.create(new float[] {0.5f, 0.5f, 0.5f, 0.5f, 1, 0, 0, 0}, new Shape(2, 2, 2));
            // bilinear, corners not aligned: output centres at -0.25 (clamped to 0), 0.25, 0.75, 1.25 of the input,
            // so class 1 scores 1, 0.75, 0.25, 0 along the top row and wins only where both axes are below 0.5
            assertArrayEquals(new int[] {
                1, 1, 0, 0,
                1, 1, 0, 0,
                0, 0, 0, 0,
                0, 0, 0, 0}, PixelClasses.atLabelSize(logits, 4, 4));
            assertArrayEquals(new int[] {1, 0, 0, 0}, PixelClasses.atLabelSize(logits, 2, 2), "same size: argmax only");
            assertEquals(3 * 5, PixelClasses.atLabelSize(logits, 3, 5).length, "any label size, not only multiples");
            assertEquals(1, manager.getManagedArrays().size(), "only the logits remain: " + manager.getManagedArrays());
        }
    }
}
