package org.sparsevit4j.app;

import java.nio.file.Path;

/**
 * A search: the supernet, the data and resolution it is evaluated on, the budget, the latency source
 * and the settings of the evolution.
 *
 * @param weights the supernet: a checkpoint or a training run folder (its latest checkpoint, resolved
 *     when the search starts and recorded, so that a resume loads that very file)
 * @param arch a preset the supernet must be, or null
 * @param data the data (none named: the supernet's own)
 * @param resolution evaluation size, or null for the supernet's training size
 * @param maxMacs MAC budget ({@code 0.6x} or GMACs), or null
 * @param maxLatencyMs latency ceiling, or null
 * @param minLatencyMs latency floor, or null
 * @param cost {@code macs} or {@code latency}: the cost traded against the metric
 * @param latencyTable a latency table, or null
 * @param latency {@code table} or {@code measure}, or null (table when one is given)
 * @param latencyBatch images per timed pass with {@code latency measure}
 * @param measureRuns timed passes per measured configuration, or null for the default
 * @param device the device latency is measured on ({@code cpu}, {@code gpu}, {@code gpu:N})
 * @param dtype inference precision ({@code f32}, {@code f16}, {@code bf16}), or null for f32
 * @param pareto whether the Pareto front is searched (NSGA-II)
 * @param generations generations after the initial population
 * @param population population size
 * @param granularity {@code block}, {@code pair} or {@code stage}
 * @param seed the search's seed
 * @param batch images per evaluation pass
 * @param loaderThreads decoding threads
 */
public record SearchRequest(Path weights, String arch, DataSpec data, Resolution resolution, String maxMacs,
        Double maxLatencyMs, Double minLatencyMs, String cost, Path latencyTable, String latency, int latencyBatch,
        Integer measureRuns, String device, String dtype, boolean pareto, int generations, int population,
        String granularity, long seed, int batch, int loaderThreads) {
}
