package org.sparsevit4j.app.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.Json;

/**
 * What a job folder records about its start ({@code job-inputs.json}), so that
 * {@code sparsevit batch --resume JOB_DIR} needs nothing but the folder: the job with every default
 * filled in and every path absolute, and the SHA-256 of the checkpoint, which a resume must find
 * unchanged. Each target's folder records its own search in {@code search-inputs.json} as well.
 *
 * @param format this file's format, {@value #FORMAT}
 * @param job the job as resolved ({@link BatchPlan#job})
 * @param checkpointSha256 SHA-256 of the checkpoint file
 */
public record JobInputs(int format, JobFile job, String checkpointSha256) {

    public static final String FILE = "job-inputs.json";
    public static final int FORMAT = 1;

    public JobInputs {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(checkpointSha256, "checkpointSha256");
    }

    /** Reads the inputs of {@code jobDir}; one line naming the file and the field when they are missing or malformed. */
    public static JobInputs read(Path jobDir) {
        Path file = jobDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(jobDir + ": no " + FILE + "; not the folder of a batch job");
        }
        return Json.readFormat(file, JobInputs.class, FORMAT);
    }

    public void write(Path jobDir) {
        Json.write(jobDir.resolve(FILE), this);
    }
}
