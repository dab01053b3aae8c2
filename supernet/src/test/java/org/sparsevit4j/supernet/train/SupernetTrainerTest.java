package org.sparsevit4j.supernet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.supernet.checkpoint.SaaRecipe;
import org.sparsevit4j.core.FileHash;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.Json;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.supernet.data.DatasetFormat;
import org.sparsevit4j.supernet.data.DatasetOptions;
import org.sparsevit4j.supernet.data.DatasetTrees;
import org.sparsevit4j.supernet.data.Datasets;
import org.sparsevit4j.supernet.data.Task;
import org.sparsevit4j.supernet.io.SafetensorsReader;
import org.sparsevit4j.supernet.checkpoint.SegmentationLoss;
import org.sparsevit4j.supernet.checkpoint.TrainInputs;
import org.sparsevit4j.supernet.checkpoint.TrainSettings;
import org.sparsevit4j.supernet.checkpoint.CheckpointMeta;
import org.sparsevit4j.supernet.checkpoint.Checkpoints;

class SupernetTrainerTest {

    @TempDir
    Path dir;

    static TrainSettings tiny(Task task, long steps, int checkpointEvery, double lr) {
        return tiny(task, steps, checkpointEvery, lr, SaaRecipe.PAPER);
    }

    static TrainSettings tiny(Task task, long steps, int checkpointEvery, double lr, SaaRecipe recipe) {
        DatasetOptions data = new DatasetOptions(3, 0.1, false, 64, 64, 40, 8);
        return new TrainSettings("swin_micro", task, null, null, data, 64, 64, 2, steps, 0, lr, 0, 1, 0.05, 1.0, 11,
                checkpointEvery, recipe, Granularity.PAIR, null, null, 32, 1, SegmentationLoss.PLAIN);
    }

    /** The loss of the first step, taken before any update, so the same for every recipe but its added term. */
    private double firstLoss(SaaRecipe recipe, String name) {
        List<Double> losses = new ArrayList<>();
        SupernetTrainer.train(tiny(Task.SEGMENTATION, 1, 1, 1e-3, recipe), dir.resolve(name), new TrainingListener() {
            @Override
            public void onStep(Step step) {
                losses.add(step.loss());
            }
        });
        return losses.get(0);
    }

    @Test
    void distillationAddsTheSoftLabelsCrossEntropyInProportionToItsWeight() {
        double plain = firstLoss(SaaRecipe.PAPER, "plain");
        double once = firstLoss(new SaaRecipe(false, 1), "once") - plain;
        double twice = firstLoss(new SaaRecipe(false, 2), "twice") - plain;
        // an untrained model's dense predictions are nearly uniform over 7 classes: a cross-entropy near ln 7
        assertTrue(once > 1 && once < 3, "soft-label term " + once);
        assertEquals(2 * once, twice, 1e-4);
    }

    @Test
    void theSoftLabelsCrossEntropyIsMinusTheExpectedLogProbability() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // two pixels of one image, classes on axis 1: p = (1/4, 3/4) and (1, 0); logits give q = (1/4, 3/4) twice
            NDArray p = manager.create(new float[] {0.25f, 1f, 0.75f, 0f}, new Shape(1, 2, 1, 2));
            float third = (float) Math.log(3);
            NDArray logits = manager.create(new float[] {0f, 0f, third, third}, new Shape(1, 2, 1, 2));
            double first = -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75));
            double second = -Math.log(0.25);
            assertEquals((first + second) / 2, SupernetTrainer.softCrossEntropy(p, logits).getFloat(), 1e-6);
        }
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
    void aResumeRefusesACheckpointThatDiffersFromTheRecordedStartAndWritesNothing() throws Exception {
        Path run = dir.resolve("run");
        TrainSettings settings = tiny(Task.SEGMENTATION, 4, 2, 1e-3);
        SupernetTrainer.train(settings, run, new TrainingListener() { });
        Files.delete(Checkpoints.file(run, 4)); // as if killed between steps 2 and 4
        ObjectNode inputs = (ObjectNode) Json.MAPPER.readTree(run.resolve(TrainInputs.FILE).toFile());
        ((ObjectNode) inputs.get("start").get("settings")).put("learning_rate", 2e-3);
        Files.writeString(run.resolve(TrainInputs.FILE), Json.write(inputs));
        Map<String, String> before = contents(run);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SupernetTrainer.resume(run, null, new TrainingListener() { }));
        assertEquals(run + ": cannot resume step-0000002.safetensors against the start recorded in train-inputs.json "
                + "(recorded vs checkpoint): settings.learningRate: 0.002 vs 0.001", e.getMessage());
        assertEquals(before, contents(run), "a refused resume wrote something");
    }

    @Test
    void aResumeRefusesDataThatChangedSinceTheRunStarted() throws Exception {
        Path data = DatasetTrees.ade20k(dir.resolve("ade"));
        TrainSettings base = tiny(Task.SEGMENTATION, 4, 2, 1e-3);
        TrainSettings settings = new TrainSettings(base.arch(), base.task(), data, DatasetFormat.ADE20K, base.data(),
                64, 64, 2, 4, 0, 1e-3, 0, 1, 0.05, 1.0, 11, 2, SaaRecipe.PAPER, Granularity.PAIR, null, null, 32, 1, SegmentationLoss.PLAIN);
        Path run = dir.resolve("run");
        SupernetTrainer.train(settings, run, new TrainingListener() { });
        Files.delete(Checkpoints.file(run, 4));
        String recorded = Checkpoints.meta(Checkpoints.file(run, 2)).orElseThrow().dataset();
        Path images = data.resolve("images/training");
        Files.copy(images.resolve("ADE_train_00000001.jpg"), images.resolve("ADE_train_00000099.jpg"));
        Files.copy(data.resolve("annotations/training/ADE_train_00000001.png"),
                data.resolve("annotations/training/ADE_train_00000099.png"));
        Map<String, String> before = contents(run);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SupernetTrainer.resume(run, null, new TrainingListener() { }));
        String now = Datasets.open(data, DatasetFormat.ADE20K, Task.SEGMENTATION, base.data()).identity();
        assertEquals(run + ": cannot resume against other data than the run trained on (recorded vs now): dataset "
                + "identity: " + recorded + " vs " + now, e.getMessage());
        assertEquals(before, contents(run), "a refused resume wrote something");
    }

    /**
     * A run killed before its first checkpoint starts again from its recorded start and ends where
     * an uninterrupted run ends; its starting weights must be the file it recorded, by SHA-256.
     */
    @Test
    void aRunStoppedBeforeItsFirstCheckpointStartsAgainFromTheSameWeights() throws Exception {
        Path supernet = dir.resolve("supernet");
        Path start = SupernetTrainer.train(tiny(Task.SEGMENTATION, 1, 1, 1e-3), supernet, new TrainingListener() { })
                .checkpoint();
        TrainSettings base = tiny(Task.SEGMENTATION, 2, 2, 1e-3);
        TrainSettings settings = new TrainSettings(base.arch(), base.task(), null, null, base.data(), 64, 64, 2, 2, 0,
                1e-3, 0, 1, 0.05, 1.0, 11, 2, SaaRecipe.PAPER, Granularity.PAIR, null, supernet, 32, 1, SegmentationLoss.PLAIN);
        Path straight = SupernetTrainer.train(settings, dir.resolve("straight"), new TrainingListener() { })
                .checkpoint();
        Path killed = dir.resolve("killed");
        SupernetTrainer.train(settings, killed, new TrainingListener() { });
        Files.delete(Checkpoints.file(killed, 2)); // as if killed before step 2
        assertTrue(SupernetTrainer.holdsRun(killed));
        Path again = SupernetTrainer.resume(killed, null, new TrainingListener() { }).checkpoint();
        try (SafetensorsReader a = SafetensorsReader.open(straight); SafetensorsReader b = SafetensorsReader.open(again)) {
            for (String name : a.names()) {
                assertArrayEquals(a.readFloats(name), b.readFloats(name), name);
            }
        }
        Files.delete(again);
        Path inputs = killed.resolve(TrainInputs.FILE);
        String sha = FileHash.sha256(start);
        Files.writeString(inputs, Files.readString(inputs).replace(sha, "0".repeat(64)));
        Map<String, String> before = contents(killed);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SupernetTrainer.resume(killed, null, new TrainingListener() { }));
        assertEquals(killed + ": cannot start the run again from other weights than it started from (recorded vs now): "
                + "starting weights " + start + " sha256: " + "0".repeat(64) + " vs " + sha, e.getMessage());
        assertEquals(before, contents(killed), "a refused resume wrote something");
    }

    /** Every file under {@code folder} by relative path, with its SHA-256. */
    private static Map<String, String> contents(Path folder) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (var files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(folder.relativize(f).toString(), FileHash.sha256(f));
            }
        }
        return out;
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
                1e-3, 0, 1, 0.05, 1.0, 11, 2, SaaRecipe.PAPER, Granularity.PAIR, config, null, 32, 1, SegmentationLoss.PLAIN);
        Path file = SupernetTrainer.train(finetune, dir, new TrainingListener() { }).checkpoint();
        CheckpointMeta meta = Checkpoints.meta(file).orElseThrow();
        assertEquals("finetune", meta.kind());
        assertNotNull(meta.sparsity());
        assertEquals(config, meta.sparsity());
    }
}
