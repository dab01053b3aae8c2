package org.sparsevit4j.app.batch;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.sparsevit4j.core.Json;
import org.sparsevit4j.results.GenerationRow;
import org.sparsevit4j.results.RunFolder;
import org.sparsevit4j.search.BestFile;
import org.sparsevit4j.search.CandidateEntry;
import org.sparsevit4j.search.RunFiles;

/**
 * The job's summary, {@code job.json}: each target's chosen configuration with its metric and costs
 * (the objectives of its {@code best.json}), the size and hypervolume of its front, and the
 * provenance, split into what every target shares (top level: checkpoint, data, tool, libraries,
 * machine) and what is each target's own (its settings, seed and budget). Built from the target
 * folders' result files alone, so a resumed job writes the bytes an uninterrupted one writes; it
 * records nothing that depends on the machine's speed, the cache or the devices evaluation ran on.
 *
 * @param format this file's format, {@value #FORMAT}
 * @param metricName the metric every target maximised ({@code miou} or {@code top1})
 * @param targets one entry per target, in the job's order
 * @param provenance what every target's provenance shares
 */
public record JobSummary(int format, String metricName, List<TargetSummary> targets, JsonNode provenance) {

    public static final String FILE = "job.json";
    public static final int FORMAT = 1;

    /**
     * One target's outcome.
     *
     * @param number 1-based, in the job's order
     * @param name the target's name
     * @param folder its run folder, relative to the job folder
     * @param budget the budget in words
     * @param seed its search's seed
     * @param best its chosen configuration as in its {@code best.json} ({@code ratios}, {@code metric},
     *     {@code macs}, {@code gmacs}, {@code macFraction}, {@code predictedLatencyMs},
     *     {@code measuredLatencyMs}, ...), without the provenance
     * @param frontSize configurations on its Pareto front
     * @param hypervolume the hypervolume of that front
     * @param uniqueEvaluations unique configurations its search evaluated (baselines excluded)
     * @param provenance the part of its provenance that is its own
     */
    public record TargetSummary(int number, String name, String folder, String budget, long seed, TargetBest best,
            int frontSize, double hypervolume, int uniqueEvaluations, JsonNode provenance) {
    }

    /**
     * A target's {@code best.json} without its provenance, which the summary keeps once, split.
     *
     * @param format the result files' schema version
     * @param metricName the evaluator's metric
     * @param entry the configuration and its objectives, at the top level as in {@code best.json}
     */
    public record TargetBest(int format, String metricName, @JsonUnwrapped CandidateEntry entry) {
    }

    /**
     * One target's result files, read.
     *
     * @param run the run folder as the report reads it
     * @param best its {@code best.json}
     * @param provenance its {@code provenance.json}
     */
    record TargetFiles(BatchPlan.Target target, RunFolder run, BestFile best, ObjectNode provenance) {

        static TargetFiles read(BatchPlan.Target target, Path dir, RunFolder run) {
            BestFile best = Json.read(dir.resolve(RunFiles.BEST), BestFile.class);
            ObjectNode provenance = (ObjectNode) Json.read(dir.resolve(RunFiles.PROVENANCE), JsonNode.class);
            return new TargetFiles(target, run, best, provenance);
        }
    }

    static JobSummary of(List<TargetFiles> files) {
        ObjectNode shared = shared(files.stream().map(TargetFiles::provenance).toList());
        List<TargetSummary> targets = new ArrayList<>();
        for (TargetFiles f : files) {
            TargetBest best = new TargetBest(f.best().format(), f.best().metricName(), f.best().best());
            ObjectNode own = f.provenance().deepCopy();
            shared.fieldNames().forEachRemaining(own::remove);
            List<GenerationRow> generations = f.run().generations();
            BatchPlan.Target t = f.target();
            targets.add(new TargetSummary(t.number(), t.name(), t.folder(), t.budget(), t.request().seed(), best,
                    f.run().front().size(), f.run().hypervolume(), generations.isEmpty() ? 0
                    : generations.get(generations.size() - 1).uniqueEvaluations(), own));
        }
        return new JobSummary(FORMAT, files.get(0).run().metricName(), List.copyOf(targets), shared);
    }

    /** The fields whose value is the same in every one of {@code provenances}. */
    static ObjectNode shared(List<ObjectNode> provenances) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = provenances.get(0).fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (provenances.stream().allMatch(p -> field.getValue().equals(p.get(field.getKey())))) {
                out.set(field.getKey(), field.getValue().deepCopy());
            }
        }
        return out;
    }

    public void write(Path jobDir) {
        Json.write(jobDir.resolve(FILE), this);
    }
}
