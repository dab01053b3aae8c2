package org.sparsevit4j.supernet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.supernet.data.DatasetOptions;
import org.sparsevit4j.supernet.data.SyntheticKind;
import org.sparsevit4j.supernet.data.Task;

class CheckpointMetaTest {

    private static CheckpointMeta meta(SyntheticKind kind, SegmentationLoss loss) {
        ArchitectureSpec arch = ArchitectureSpec.preset("swin_micro").withNumClasses(7);
        TrainSettings settings = new TrainSettings("swin_micro", Task.SEGMENTATION, null, null,
                DatasetOptions.defaults().withSynthetic(kind), 64, 64, 2, 10, 0, 1e-3, 0, 1, 0.05, 1.0, 3, 5, false,
                Granularity.PAIR, null, null, 16, 1, loss);
        return new CheckpointMeta("supernet", new ModelSpec(arch, Task.SEGMENTATION, List.of("a", "b", "c", "d", "e",
                "f", "g"), 16), null, 4, 99, settings, "data", "sparsevit4j");
    }

    @Test
    void theDataKindAndTheLossRoundTrip() {
        SegmentationLoss loss = new SegmentationLoss(SegmentationLoss.ClassWeights.BALANCED, true);
        CheckpointMeta back = CheckpointMeta.parse(meta(SyntheticKind.BENCHMARK, loss).toJson(), "test");
        assertEquals(SyntheticKind.BENCHMARK, back.settings().data().synthetic());
        assertEquals(loss, back.settings().loss());
    }

    @Test
    void aCheckpointFromBeforeTheBenchmarkWasTrainedOnTheEasyScenesWithThePlainLoss() {
        String json = meta(SyntheticKind.BENCHMARK, new SegmentationLoss(SegmentationLoss.ClassWeights.BALANCED, true))
                .toJson().replace(",\"synthetic\":\"benchmark\"", "").replace(",\"class_weights\":\"balanced\"", "")
                .replace(",\"ohem\":true", "");
        assertTrue(!json.contains("synthetic\":") && !json.contains("ohem"), json);
        CheckpointMeta back = CheckpointMeta.parse(json, "old");
        assertEquals(SyntheticKind.EASY, back.settings().data().synthetic());
        assertEquals(SegmentationLoss.PLAIN, back.settings().loss());
    }
}
