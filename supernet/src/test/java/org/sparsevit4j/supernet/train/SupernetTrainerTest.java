package org.sparsevit4j.supernet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.supernet.data.DatasetOptions;
import org.sparsevit4j.supernet.data.Task;
import org.sparsevit4j.supernet.io.SafetensorsReader;

class SupernetTrainerTest {

    @TempDir
    Path dir;

    static TrainSettings tiny(Task task, long steps, int checkpointEvery, double lr) {
        DatasetOptions data = DatasetOptions.defaults().withSeed(3);
        data = new DatasetOptions(3, 0.1, false, 64, 64, 40, 8);
        return new TrainSettings("swin_micro", task, null, null, data, 64, 64, 2, steps, 0, lr, 0, 1, 0.05, 1.0, 11,
                checkpointEvery, false, Granularity.PAIR, null, null, 32, 1, SegmentationLoss.PLAIN);
    }

    @Test
    void checkpointsLogAndMetadataOfASegmentationRun() throws Exception {
        List<TrainingListener.Step> steps = new ArrayList<>();
        SupernetTrainer.Result result = SupernetTrainer.train(tiny(Task.SEGMENTATION, 4, 2, 1e-3), dir,
                new TrainingListener() {
                    @Override
                    public void onStep(Step step) {
                        steps.add(step);
                    }
                });
        assertEquals(4, result.steps());
        assertEquals(4, steps.size());
        assertTrue(steps.stream().allMatch(s -> Double.isFinite(s.loss()) && s.loss() > 0));
        assertEquals(List.of(Checkpoints.file(dir, 2), Checkpoints.file(dir, 4)), Checkpoints.list(dir));
        CheckpointMeta meta = Checkpoints.meta(result.checkpoint()).orElseThrow();
        assertEquals(4, meta.step());
        assertEquals("supernet", meta.kind());
        assertEquals(Task.SEGMENTATION, meta.model().task());
        assertNull(meta.sparsity());
        List<String> log = Files.readAllLines(dir.resolve(TrainingLog.FILE));
        assertEquals(5, log.size(), String.join("\n", log));
        try (SafetensorsReader reader = SafetensorsReader.open(result.checkpoint())) {
            assertTrue(reader.contains("decode_head.classifier.weight"));
            assertTrue(reader.contains("optimizer.exp_avg.features.1.0.attn.qkv.weight"));
        }
    }

    @Test
    void aResumedRunEndsWhereAnUninterruptedOneDoes() throws Exception {
        Path straight = dir.resolve("straight");
        Path interrupted = dir.resolve("interrupted");
        TrainSettings settings = tiny(Task.SEGMENTATION, 4, 2, 1e-3);
        Path a = SupernetTrainer.train(settings, straight, new TrainingListener() { }).checkpoint();
        SupernetTrainer.train(settings, interrupted, new TrainingListener() { });
        Files.delete(Checkpoints.file(interrupted, 4)); // as if killed between steps 2 and 4
        Path b = SupernetTrainer.resume(interrupted, null, new TrainingListener() { }).checkpoint();
        try (SafetensorsReader ra = SafetensorsReader.open(a); SafetensorsReader rb = SafetensorsReader.open(b)) {
            assertEquals(ra.names(), rb.names());
            for (String name : ra.names()) {
                assertArrayEquals(ra.readFloats(name), rb.readFloats(name), name);
            }
        }
        assertEquals(Files.readAllLines(straight.resolve(TrainingLog.FILE)).size(),
                Files.readAllLines(interrupted.resolve(TrainingLog.FILE)).size());
    }

    @Test
    void aDivergingRunStopsAndKeepsItsLastGoodCheckpoint() {
        TrainSettings settings = tiny(Task.CLASSIFICATION, 6, 1, 1e30);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> SupernetTrainer.train(settings, dir, new TrainingListener() { }));
        assertTrue(e.getMessage().contains("training stopped at step"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        List<Path> kept = Checkpoints.list(dir);
        assertFalse(kept.isEmpty(), "no checkpoint was kept");
        assertTrue(e.getMessage().contains(kept.get(kept.size() - 1).toString()), e.getMessage());
    }

    @Test
    void aFinetuneCheckpointKnowsItsSparsity() {
        SparsityConfig config = SparsityConfig.uniform(org.sparsevit4j.core.ArchitectureSpec.preset("swin_micro"), 0.5);
        TrainSettings base = tiny(Task.CLASSIFICATION, 2, 2, 1e-3);
        TrainSettings finetune = new TrainSettings(base.arch(), base.task(), null, null, base.data(), 64, 64, 2, 2, 0,
                1e-3, 0, 1, 0.05, 1.0, 11, 2, false, Granularity.PAIR, config, null, 32, 1, SegmentationLoss.PLAIN);
        Path file = SupernetTrainer.train(finetune, dir, new TrainingListener() { }).checkpoint();
        CheckpointMeta meta = Checkpoints.meta(file).orElseThrow();
        assertEquals("finetune", meta.kind());
        assertNotNull(meta.sparsity());
        assertEquals(config, meta.sparsity());
    }
}
