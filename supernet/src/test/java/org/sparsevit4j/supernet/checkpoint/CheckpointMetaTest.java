package org.sparsevit4j.supernet.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.supernet.data.DatasetOptions;
import org.sparsevit4j.supernet.data.SyntheticKind;
import org.sparsevit4j.supernet.data.Task;

class CheckpointMetaTest {

    private static CheckpointMeta meta(SyntheticKind kind, SegmentationLoss loss) {
        return meta(kind, loss, SaaRecipe.PAPER);
    }

    private static CheckpointMeta meta(SyntheticKind kind, SegmentationLoss loss, SaaRecipe recipe) {
        ArchitectureSpec arch = ArchitectureSpec.preset("swin_micro").withNumClasses(7);
        TrainSettings settings = new TrainSettings("swin_micro", Task.SEGMENTATION, null, null,
                DatasetOptions.defaults().withSynthetic(kind), 64, 64, 2, 10, 0, 1e-3, 0, 1, 0.05, 1.0, 3, 5, recipe,
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
    void theRecipeRoundTripsAndACheckpointFromBeforeDistillationTrainedWithout() {
        SaaRecipe recipe = new SaaRecipe(true, 0.5);
        String json = meta(SyntheticKind.BENCHMARK, SegmentationLoss.PLAIN, recipe).toJson();
        assertEquals(recipe, CheckpointMeta.parse(json, "test").settings().recipe());
        String old = json.replace(",\"distill\":0.5", "");
        assertTrue(!old.contains("distill"), old);
        assertEquals(new SaaRecipe(true, 0), CheckpointMeta.parse(old, "old").settings().recipe());
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

    /** The metadata of a checkpoint that `train-supernet` wrote before the metadata became records. */
    private static String format1() throws IOException {
        try (InputStream in = CheckpointMetaTest.class.getResourceAsStream("checkpoint-meta-format1.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsACheckpointThatAnEarlierReleaseWrote() throws IOException {
        CheckpointMeta meta = CheckpointMeta.parse(format1(), "step-0000003.safetensors");
        assertEquals("supernet", meta.kind());
        assertEquals(3, meta.step());
        assertEquals(5151511792668550836L, meta.samplerState());
        assertEquals("swin_micro", meta.model().arch().name());
        assertEquals(Task.SEGMENTATION, meta.model().task());
        assertEquals(7, meta.model().classNames().size());
        assertNull(meta.sparsity());
        assertEquals(Granularity.PAIR, meta.settings().granularity());
        assertEquals(64, meta.settings().height());
        assertEquals(1e-5, meta.settings().minLearningRate());
        assertNull(meta.settings().dataset());
        assertTrue(meta.dataset().startsWith("synthetic-scenes/v1"));
        // written before the benchmark and the loss options: the easy scenes, the plain cross-entropy
        assertEquals(SyntheticKind.EASY, meta.settings().data().synthetic());
        assertEquals(SegmentationLoss.PLAIN, meta.settings().loss());
        assertEquals(SaaRecipe.PAPER, meta.settings().recipe());
    }

    @Test
    void whatItWritesReadsBackEqual() throws IOException {
        CheckpointMeta meta = CheckpointMeta.parse(format1(), "fixture");
        assertEquals(meta, CheckpointMeta.parse(meta.toJson(), "written"));
    }

    @Test
    void anotherFormatOrADamagedRecordIsNamed() throws IOException {
        String other = format1().replace("\"format\":1", "\"format\":2");
        assertTrue(assertThrows(InvalidInputException.class, () -> CheckpointMeta.parse(other, "ck"))
                .getMessage().contains("ck: checkpoint format 2 is not the supported 1"));
        String wrongType = format1().replace("\"step\":3", "\"step\":\"three\"");
        assertTrue(assertThrows(InvalidInputException.class, () -> CheckpointMeta.parse(wrongType, "ck"))
                .getMessage().contains("\"step\" must be a whole number"));
        String noKind = format1().replace("\"kind\":\"supernet\",", "");
        assertTrue(assertThrows(InvalidInputException.class, () -> CheckpointMeta.parse(noKind, "ck"))
                .getMessage().contains("damaged"));
    }
}
