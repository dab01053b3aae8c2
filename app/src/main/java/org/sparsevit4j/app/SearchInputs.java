package org.sparsevit4j.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.Json;
import org.sparsevit4j.profiler.LatencyTable;

/**
 * What a search's run folder records about its start ({@code search-inputs.json}), so that
 * {@link Searches#resume} needs nothing but the folder, and checks that it resumes against the same
 * things: the request with the supernet resolved to its checkpoint file, that file's SHA-256, the
 * identity of the data, the latency table's SHA-256 and the anchors it was re-anchored with.
 *
 * @param format this file's format, {@value #FORMAT}
 * @param request the request, its weights the checkpoint file
 * @param height evaluation rows
 * @param width evaluation columns
 * @param checkpointSha256 SHA-256 of the checkpoint file
 * @param datasetIdentity the data's identity (folder fingerprint or synthetic settings)
 * @param latencyTableSha256 SHA-256 of the latency table file, or null without one
 * @param latencyAnchors the anchors of the table in the starting process; empty without a table
 */
public record SearchInputs(int format, SearchRequest request, int height, int width, String checkpointSha256,
        String datasetIdentity, String latencyTableSha256, List<LatencyTable.Check> latencyAnchors) {

    public static final String FILE = "search-inputs.json";
    /** 3: the data names its layout ({@code request.data.format}); 4: and which built-in scenes ({@code synthetic}). */
    public static final int FORMAT = 4;

    public SearchInputs {
        Objects.requireNonNull(request, "request");
        latencyAnchors = List.copyOf(latencyAnchors);
    }

    /** Reads the inputs of {@code runDir}; one line naming the file and the field when they are missing or malformed. */
    public static SearchInputs read(Path runDir) {
        Path file = runDir.resolve(FILE);
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new InvalidInputException(runDir + ": no " + FILE + "; not a search run folder");
        }
        return Json.readFormat(file, SearchInputs.class, FORMAT);
    }

    public void write(Path runDir) {
        Json.write(runDir.resolve(FILE), this);
    }

    /**
     * The fields in which what a resume found differs from what the search started with, as
     * {@code field: recorded vs now}; empty when the resume may go on.
     */
    public List<String> differences(String checkpoint, String dataset, String table) {
        List<String> out = new ArrayList<>();
        if (!checkpointSha256.equals(checkpoint)) {
            out.add("checkpoint " + request.weights() + " sha256: " + checkpointSha256 + " vs " + checkpoint);
        }
        if (!datasetIdentity.equals(dataset)) {
            out.add("dataset identity: " + datasetIdentity + " vs " + dataset);
        }
        if (!Objects.equals(latencyTableSha256, table)) {
            out.add("latency table " + request.latencyTable() + " sha256: " + latencyTableSha256 + " vs " + table);
        }
        return out;
    }
}
