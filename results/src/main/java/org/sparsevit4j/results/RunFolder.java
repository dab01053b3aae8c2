package org.sparsevit4j.results;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a report shows of a search's run folder, as {@link RunFolderReader} read it.
 *
 * @param dir the run folder
 * @param metricName the evaluator's metric, e.g. {@code miou}
 * @param costObjective what the front trades the metric against: {@code macs} or {@code latency}
 * @param hypervolume hypervolume of the search's front
 * @param best the configuration the search chose ({@code best.json})
 * @param front the Pareto front, cheapest first ({@code pareto.json})
 * @param baselines uniform sparsity and random search, when the search ran them
 * @param generations the search's progress, generation 0 first; empty when {@code generations.csv} is missing
 * @param classIou per-class IoU of the chosen configuration and its references, when the search wrote it
 * @param provenance where the results came from (versions, seed, settings, data, checkpoint)
 */
public record RunFolder(Path dir, String metricName, String costObjective, double hypervolume, ReportedConfig best,
        List<ReportedConfig> front, Optional<Baselines> baselines, List<GenerationRow> generations,
        Optional<ClassIouTable> classIou, ProvenanceFacts provenance) {

    public RunFolder {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(best, "best");
        front = List.copyOf(front);
        Objects.requireNonNull(baselines, "baselines");
        generations = List.copyOf(generations);
        Objects.requireNonNull(classIou, "classIou");
        Objects.requireNonNull(provenance, "provenance");
    }

    /** Whether the front carries a predicted or measured latency, so that a latency axis means something. */
    public boolean hasLatency() {
        return front.stream().anyMatch(c -> c.hasPredictedLatency() || c.hasMeasuredLatency());
    }

    /** The dense model's GMACs (from the provenance), or {@code NaN} when the files do not say. */
    public double denseGmacs() {
        return provenance.denseMacs() != null ? provenance.denseMacs() / 1e9 : Double.NaN;
    }
}
