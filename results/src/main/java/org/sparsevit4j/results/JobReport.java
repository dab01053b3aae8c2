package org.sparsevit4j.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The page of a batch job, {@code job.html}, self-contained like a search's report: the metric
 * against cost across the targets (each target's front and its chosen configuration, with uniform
 * sparsity as the reference), a table of the targets linking to each one's own report, the uniform
 * configurations, and the provenance the targets share. Its charts are also saved as
 * {@code plots/job-macs} and {@code plots/job-latency} ({@code .png} and {@code .svg}). Everything
 * is drawn in memory first, then written atomically, the page last.
 */
public final class JobReport {

    public static final String PAGE = "job.html";
    static final String MACS = "job-macs";
    static final String LATENCY = "job-latency";

    /**
     * One target of the job as its page shows it.
     *
     * @param number 1-based, in the job's order
     * @param name the target's name
     * @param budget its budget in words
     * @param seed its search's seed
     * @param folder its run folder, relative to the job folder ({@code targets/01-NAME})
     * @param run the run folder's results, as {@link RunFolderReader} reads them
     */
    public record Target(int number, String name, String budget, long seed, String folder, RunFolder run) {

        public Target {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(folder, "folder");
            Objects.requireNonNull(run, "run");
        }
    }

    private JobReport() {
    }

    /**
     * Writes {@code job.html} and its plots into {@code jobDir}.
     *
     * @param provenance what every target's provenance shares (checkpoint, data, versions, machine)
     */
    public static RunReport.Written write(Path jobDir, String metricName, List<Target> targets, ProvenanceFacts provenance) {
        RunReport.Drawn drawn = RunReport.draw(() -> {
            List<RenderedChart> charts = new ArrayList<>();
            charts.add(ChartRenderer.render(MACS, JobChart.ofMacs(metricName, targets)));
            if (targets.stream().anyMatch(t -> t.run().hasLatency())) {
                charts.add(ChartRenderer.render(LATENCY, JobChart.ofLatency(metricName, targets)));
            }
            return charts;
        }, "sparsevit batch --resume " + jobDir);
        String html = JobHtml.render(jobDir, metricName, targets, provenance, drawn.charts(), drawn.missing());
        return new RunReport.Written(RunReport.writePage(jobDir, PAGE, html, drawn.charts(), List.of(MACS, LATENCY)),
                drawn.missing());
    }
}
