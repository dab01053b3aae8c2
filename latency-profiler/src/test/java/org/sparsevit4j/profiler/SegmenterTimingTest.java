package org.sparsevit4j.profiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
            assertTrue(decoder > 2 * linear, "segmentation head " + decoder + " ms vs classification head " + linear);
            // the build's plain passes of the segmenter against the table, in the same process: passes of a
            // few ms on a shared CPU vary by tens of percent, so only the median anchor is held, to a factor
            // of 2.5 (a table of the wrong model or head is off by far more; accuracy is a benchmark's job)
            double[] ratios = segmentation.anchors().stream().mapToDouble(a -> a.predictedMs() / a.measuredMs())
                    .sorted().toArray();
            double median = ratios[ratios.length / 2];
            assertTrue(median > 0.4 && median < 2.5, "table over pass at the anchors: "
                    + java.util.Arrays.toString(ratios));
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> classification.requireApplies(
                    "classifier.json", LatencyBenchmarkTest.SMALL, segmentation.head(), here));
            assertTrue(e.getMessage().contains("segmentation"), e.getMessage());
            assertThrows(InvalidInputException.class, () -> segmentation.requireApplies("segmenter.json",
                    LatencyBenchmarkTest.SMALL, classification.head(), here));
        }
    }
}
