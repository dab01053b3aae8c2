package org.sparsevit4j.supernet.checkpoint;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sparsevit4j.core.Json;

/**
 * What a training run folder records about its start ({@value #FILE}), written before the first
 * step, so that a resume can check what it resumes: the latest checkpoint must be this run's (same
 * kind, model, data and settings, only the planned steps shortened by a time budget and the time
 * budget given again), the data must still have the recorded identity, and a run killed before its
 * first checkpoint starts again from the very weights it started from (their SHA-256).
 *
 * @param format this file's format, {@value #FORMAT}
 * @param start the run's metadata at step 0 as a checkpoint stores it ({@link CheckpointMeta}): kind,
 *     model, settings with the starting weights resolved to their file, the data's identity
 * @param startWeightsSha256 SHA-256 of the starting weights file, or null for a run from random weights
 */
public record TrainInputs(int format, CheckpointMeta.MetaFile start, String startWeightsSha256) {

    public static final String FILE = "train-inputs.json";
    public static final int FORMAT = 1;

    public TrainInputs {
        Objects.requireNonNull(start, "start");
    }

    /** The record of a run starting with {@code start}. */
    public static TrainInputs of(CheckpointMeta start, String startWeightsSha256) {
        return new TrainInputs(FORMAT, start.file(), startWeightsSha256);
    }

    /** Whether {@code runDir} records the start of a run. */
    public static boolean exists(Path runDir) {
        return Files.exists(runDir.resolve(FILE));
    }

    /** The record of {@code runDir}; empty for a run of a version that wrote none. */
    public static Optional<TrainInputs> read(Path runDir) {
        Path file = runDir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Json.requireFormat(file, FORMAT);
        // fields a later version added to the start's metadata may be absent, as in a checkpoint
        return Optional.of(Json.readWritten(file, TrainInputs.class));
    }

    public void write(Path runDir) {
        Json.write(runDir.resolve(FILE), this);
    }

    /** The run's metadata at step 0; {@code runDir} names the file in errors. */
    public CheckpointMeta startMeta(Path runDir) {
        return CheckpointMeta.of(start, runDir.resolve(FILE).toString());
    }

    /**
     * Where {@code checkpoint}'s metadata differs from the start recorded in {@code runDir}, as
     * {@code field: recorded vs checkpoint}; empty when the checkpoint continues this run. The
     * planned steps may have been shortened (a time budget fits the schedule to it, warm-up
     * included) and the time budget given again; nothing else may differ.
     */
    public List<String> differences(Path runDir, CheckpointMeta checkpoint) {
        CheckpointMeta recorded = startMeta(runDir);
        List<String> out = new ArrayList<>();
        compare(out, "kind", recorded.kind(), checkpoint.kind());
        compare(out, "model", recorded.model(), checkpoint.model());
        compare(out, "dataset identity", recorded.dataset(), checkpoint.dataset());
        TrainSettings now = checkpoint.settings();
        TrainSettings expected = recorded.settings().withSteps(Math.min(recorded.settings().steps(), now.steps()))
                .withMaxMinutes(now.maxMinutes());
        for (RecordComponent c : TrainSettings.class.getRecordComponents()) {
            compare(out, "settings." + c.getName(), value(c, expected), value(c, now));
        }
        return out;
    }

    private static void compare(List<String> out, String field, Object recorded, Object now) {
        if (!Objects.equals(recorded, now)) {
            out.add(field + ": " + recorded + " vs " + now);
        }
    }

    private static Object value(RecordComponent c, TrainSettings settings) {
        try {
            return c.getAccessor().invoke(settings);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("record accessor " + c.getName(), e);
        }
    }
}
