package org.sparsevit4j.app.batch;

/**
 * The search settings of a batch job, those of {@code sparsevit search}; every key may be left out
 * and then takes {@code search}'s default.
 *
 * @param generations generations after the initial population (20)
 * @param population population size (100)
 * @param pareto whether the Pareto front of (metric, cost) is searched (false)
 * @param granularity {@code pair} (default), {@code block} or {@code stage}
 * @param cost {@code macs} (default) or {@code latency}: the cost traded against the metric
 * @param measureRuns timed passes per measured configuration (10 with a latency source, else 0)
 * @param latencyBatch images per timed pass when latency is measured (1)
 */
public record JobSearch(Integer generations, Integer population, Boolean pareto, String granularity, String cost,
        Integer measureRuns, Integer latencyBatch) {
}
