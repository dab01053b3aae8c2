package org.sparsevit4j.results;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The batch job's page ({@link JobReport}): what each target chose, side by side, then the curve
 * across targets, uniform sparsity, and the provenance the targets share. It names no absolute path
 * (the targets are linked relative to the page), so a job folder can be moved or archived whole.
 */
final class JobHtml {

    private JobHtml() {
    }

    static String render(Path jobDir, String metricName, List<JobReport.Target> targets, ProvenanceFacts provenance,
            List<RenderedChart> charts, Optional<String> chartsMissing) {
        String folder = jobDir.getFileName() == null ? jobDir.toString() : jobDir.getFileName().toString();
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>SparseViT batch job: ").append(Html.escape(folder)).append("</title>\n")
                .append("<style>\n").append(Html.STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>SparseViT batch job</h1>\n")
                .append("<p class=\"note\">Job folder <code>").append(Html.escape(folder)).append("</code>: ")
                .append(targets.size()).append(" target").append(targets.size() == 1 ? "" : "s")
                .append(", one search each in its own folder, all evaluated through one cache. ")
                .append(chartsMissing.isPresent() ? "<strong>" + Html.escape(chartsMissing.get()) + ".</strong>"
                        : "Charts are also in <code>plots/</code> as PNG and SVG.").append("</p>\n");
        targetTable(h, metricName, targets);
        h.append("<h2 id=\"curve\">").append(Html.escape(metricName)).append(" against cost</h2>\n");
        charts.forEach(c -> Html.figure(h, c));
        uniformTable(h, metricName, JobChart.uniform(targets));
        h.append("<h2 id=\"provenance\">What every target shares</h2>\n<table class=\"facts\">\n");
        ReportHtml.originFacts(h, provenance);
        h.append("</table>\n<p class=\"note\">Each target's own settings, seed and budget are in its ")
                .append("<code>provenance.json</code> and report.</p>\n");
        return h.append("</body>\n</html>\n").toString();
    }

    private static void targetTable(StringBuilder h, String metricName, List<JobReport.Target> targets) {
        h.append("<h2 id=\"targets\">Targets</h2>\n<table class=\"targets\">\n<tr><th class=\"num\">#</th>")
                .append("<th>target</th><th>budget</th><th class=\"num\">seed</th><th class=\"num\">")
                .append(Html.escape(metricName)).append("</th><th class=\"num\">GMACs</th>")
                .append("<th class=\"num\">MAC fraction</th><th class=\"num\">predicted latency (ms)</th>")
                .append("<th class=\"num\">measured latency (ms)</th><th class=\"num\">front</th>")
                .append("<th class=\"num\">unique evaluations</th><th>chosen ratios (a list per stage)</th></tr>\n");
        for (JobReport.Target t : targets) {
            ReportedConfig best = t.run().best();
            List<GenerationRow> generations = t.run().generations();
            h.append("<tr><td class=\"num\">").append(t.number()).append("</td><td><a href=\"")
                    .append(Html.escape(t.folder() + "/" + RunReport.REPORT)).append("\">").append(Html.escape(t.name()))
                    .append("</a></td><td>").append(Html.escape(t.budget())).append("</td><td class=\"num\">")
                    .append(t.seed()).append("</td><td class=\"num\">").append(Html.metric(best.metric()))
                    .append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%.3f", best.gmacs()))
                    .append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%.3f", best.macFraction()))
                    .append("</td><td class=\"num\">").append(Html.milliseconds(best.predictedLatencyMs()))
                    .append("</td><td class=\"num\">").append(Html.milliseconds(best.measuredLatencyMs()))
                    .append("</td><td class=\"num\">").append(t.run().front().size()).append("</td><td class=\"num\">")
                    .append(generations.isEmpty() ? Html.NONE
                            : String.valueOf(generations.get(generations.size() - 1).uniqueEvaluations()))
                    .append("</td><td><code>").append(Html.escape(best.config().compact())).append("</code></td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void uniformTable(StringBuilder h, String metricName, List<ReportedConfig> uniform) {
        h.append("<h2 id=\"uniform\">Uniform sparsity</h2>\n");
        if (uniform.isEmpty()) {
            h.append("<p class=\"note\">The targets ran without baselines: no uniform configuration was evaluated.</p>\n");
            return;
        }
        h.append("<p class=\"note\">Every uniform ratio, evaluated by the targets' baselines (once, through the "
                + "shared cache), the reference each target's choice is measured against.</p>\n")
                .append("<table class=\"uniform\">\n<tr><th>ratios</th><th class=\"num\">").append(Html.escape(metricName))
                .append("</th><th class=\"num\">GMACs</th><th class=\"num\">MAC fraction</th></tr>\n");
        for (ReportedConfig c : uniform) {
            h.append("<tr><td><code>").append(Html.escape(c.config().compact())).append("</code></td><td class=\"num\">")
                    .append(Html.metric(c.metric())).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%.3f", c.gmacs())).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%.3f", c.macFraction())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }
}
