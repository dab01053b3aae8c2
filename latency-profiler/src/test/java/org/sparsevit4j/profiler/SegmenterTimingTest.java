package org.sparsevit4j.profiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.supernet.model.SwinClassifier;
import org.sparsevit4j.supernet.model.SwinSegmenter;

/**
 * Latency is timed on the model that is searched: a segmenter's pass includes its decoder, which
 * runs at the first stage's resolution and upsamples the logits to the input, so its table holds
 * a head part a classifier's does not, predicts the segmenter's own passes, and is not used for a
 * classifier (nor the other way round).
 */
class SegmenterTimingTest {

    private static final MeasurementPlan PLAN = new MeasurementPlan(1, 5, 100, 0);
    private static final InputShape INPUT = new InputShape(1, 112, 112);

    @Test
    void aSegmentersTableTimesItsDecoderAndPredictsItsOwnPasses() {
        DeviceFingerprint here = DeviceFingerprint.current(Device.cpu());
        try (NDManager manager = NDManager.newBaseManager();
                SwinSegmenter segmenter = new SwinSegmenter(LatencyBenchmarkTest.SMALL, 64);
                SwinClassifier classifier = new SwinClassifier(LatencyBenchmarkTest.SMALL)) {
            segmenter.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 112, 112));
            classifier.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 112, 112));
            LatencyTable segmentation;
            LatencyTable classification;
            try (ForwardTimer timer = new ForwardTimer(segmenter, manager, INPUT)) {
                segmentation = LatencyTableBuilder.build(timer, PLAN, 2, here, line -> { });
            }
            try (ForwardTimer timer = new ForwardTimer(classifier, manager, INPUT)) {
                classification = LatencyTableBuilder.build(timer, PLAN, 2, here, line -> { });
            }
            assertEquals(new TimedHead(TimedHead.SEGMENTATION, LatencyBenchmarkTest.SMALL.numClasses(), 64),
                    segmentation.head());
            // the decoder projects, fuses and classifies every pixel of stage 0 and upsamples to 112x112;
            // the classifier's head is a layer norm, a mean and a 5-way linear layer
            double decoder = segmentation.denseMs().get(PartTimer.REST);
            double linear = classification.denseMs().get(PartTimer.REST);
            // many times more work, so the order holds even on a loaded machine; the size of the gap is timing
            assertTrue(decoder > linear, "segmentation head " + decoder + " ms vs classification head " + linear);
            // the build's plain passes of the segmenter are anchors of the table; how close the table comes to
            // them is an accuracy figure (LatencyTableAccuracyBenchmark), not a unit test's: here each anchor
            // pairs a positive prediction with a positive measurement
            assertFalse(segmentation.anchors().isEmpty());
            segmentation.anchors().forEach(a -> assertTrue(a.predictedMs() > 0 && a.measuredMs() > 0, a.toString()));
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> classification.requireApplies(
                    "classifier.json", LatencyBenchmarkTest.SMALL, segmentation.head(), here));
            assertTrue(e.getMessage().contains("segmentation"), e.getMessage());
            assertThrows(InvalidInputException.class, () -> segmentation.requireApplies("segmenter.json",
                    LatencyBenchmarkTest.SMALL, classification.head(), here));
        }
    }
}
