package org.sparsevit4j.app.batch;

import java.nio.file.Path;

/**
 * One target of a batch job: a budget, searched in a folder of its own. A MAC budget
 * ({@code maxMacs}), a latency window ({@code maxLatencyMs}, optionally {@code minLatencyMs}) with the
 * latency table that predicts it or the device to measure every candidate on, or both.
 *
 * @param name the target's name and folder ({@code targets/NN-NAME}); null to name it after its budget
 * @param maxMacs as {@code --max-macs}: a fraction of dense ({@code "0.5x"}) or GMACs ({@code "3.2"})
 * @param maxLatencyMs latency ceiling in ms, or null
 * @param minLatencyMs latency floor in ms, or null
 * @param latencyTable the latency table of the target device, or null
 * @param device the device latency is measured on ({@code cpu}, {@code gpu}, {@code gpu:N}): the
 *     table's device, or without a table the one every candidate is timed on; null for the table's
 *     device, or without a table the job's first evaluation device
 * @param seed this target's seed, or null for the job's
 * @param cost this target's cost objective, or null for the job's
 */
public record JobTarget(String name, String maxMacs, Double maxLatencyMs, Double minLatencyMs, Path latencyTable,
        String device, Long seed, String cost) {
}
