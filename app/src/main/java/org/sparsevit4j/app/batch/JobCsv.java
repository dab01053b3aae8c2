package org.sparsevit4j.app.batch;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.file.Path;
import java.util.List;
import org.sparsevit4j.core.Csv;
import org.sparsevit4j.search.CandidateEntry;

/**
 * {@code job.csv}: a row per target, for a spreadsheet: its number, name, budget and seed, its chosen
 * configuration's metric, MACs and latencies (empty where not known) and ratios (the compact form
 * {@code --config} files take, quoted), the size of its front, its unique evaluations and its folder.
 * Columns are added at the end only.
 */
final class JobCsv {

    static final String FILE = "job.csv";

    /** The columns, in the file's order; names as candidates.csv writes its own. */
    @JsonPropertyOrder({"target", "name", "budget", "seed", "metric", "macs", "gmacs", "mac_fraction",
        "predicted_latency_ms", "measured_latency_ms", "ratios", "front_size", "unique_evaluations", "folder"})
    record Row(int target, String name, String budget, long seed, double metric, long macs, double gmacs,
            @JsonProperty("mac_fraction") double macFraction,
            @JsonProperty("predicted_latency_ms") Double predictedLatencyMs,
            @JsonProperty("measured_latency_ms") Double measuredLatencyMs, String ratios,
            @JsonProperty("front_size") int frontSize, @JsonProperty("unique_evaluations") int uniqueEvaluations,
            String folder) {
    }

    private JobCsv() {
    }

    static void write(Path jobDir, JobSummary summary) {
        List<Row> rows = summary.targets().stream().map(JobCsv::row).toList();
        Csv.write(jobDir.resolve(FILE), Row.class, rows);
    }

    private static Row row(JobSummary.TargetSummary t) {
        CandidateEntry best = t.best().entry();
        return new Row(t.number(), t.name(), t.budget(), t.seed(), best.metric(), best.macs(), best.gmacs(),
                best.macFraction(), best.predictedLatencyMs(), best.measuredLatencyMs(), best.config().compact(),
                t.frontSize(), t.uniqueEvaluations(), t.folder());
    }
}
