package org.sparsevit4j.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The report page: one self-contained HTML file (styles and charts inline, nothing fetched, so it
 * opens offline and can be mailed or archived alone) with the provenance of the run, the search
 * against its baselines, the charts and the table of the front.
 */
final class ReportHtml {

    private static final String NONE = "—";
    private static final String STYLE = """
            body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 1000px;
                   padding: 0 1em; color: #222; }
            h1 { margin-bottom: 0.2em; }
            h2 { margin-top: 2em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
            table { border-collapse: collapse; margin: 0.5em 0; }
            th, td { padding: 0.25em 0.7em; text-align: left; border-bottom: 1px solid #eee; vertical-align: top; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            table.facts th { font-weight: 600; white-space: nowrap; }
            tr.chosen { background: #fdecea; font-weight: 600; }
            code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.9em; }
            figure { margin: 1em 0; }
            figure svg { max-width: 100%; height: auto; }
            figcaption, .note { color: #666; font-size: 0.9em; }
            """;

    private ReportHtml() {
    }

    static String render(RunFolder run, List<RenderedChart> charts) {
        return render(run, charts, Optional.empty());
    }

    /** The page; {@code chartsMissing} says why there are no charts, when there are none. */
    static String render(RunFolder run, List<RenderedChart> charts, Optional<String> chartsMissing) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>SparseViT search report: ").append(Html.escape(run.dir().getFileName() == null
                        ? run.dir().toString() : run.dir().getFileName().toString())).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>SparseViT search report</h1>\n")
                .append("<p class=\"note\">Run folder <code>").append(Html.escape(run.dir().toAbsolutePath().toString()))
                .append("</code>. ").append(chartsMissing.isPresent()
                        ? "<strong>" + Html.escape(chartsMissing.get()) + ".</strong>"
                        : "Charts are also in <code>plots/</code> as PNG and SVG.").append("</p>\n");
        provenance(h, run);
        comparison(h, run);
        for (RenderedChart chart : charts) {
            if (chart.name().startsWith("pareto")) {
                figure(h, chart);
            }
        }
        frontTable(h, run);
        run.classIou().ifPresent(table -> classIou(h, table));
        h.append("<h2 id=\"progress\">Search progress</h2>\n");
        if (charts.stream().noneMatch(c -> c.name().equals(RunReport.HYPERVOLUME))) {
            h.append("<p class=\"note\">No <code>generations.csv</code> in the run folder: no progress to show.</p>\n");
        }
        charts.stream().filter(c -> !c.name().startsWith("pareto")).forEach(c -> figure(h, c));
        return h.append("</body>\n</html>\n").toString();
    }

    private static void provenance(StringBuilder h, RunFolder run) {
        JsonNode p = run.provenance();
        ReportedConfig best = run.best();
        h.append("<h2 id=\"run\">Run</h2>\n<table class=\"facts\">\n");
        fact(h, "chosen configuration", "<code>" + Html.escape(best.config().compact()) + "</code>");
        fact(h, "its " + run.metricName(), Html.escape(metric(best.metric())));
        fact(h, "its cost", Html.escape(String.format(Locale.ROOT, "%.3f GMACs (%.1f%% of dense)%s", best.gmacs(),
                100 * best.macFraction(), latencyNote(best))));
        fact(h, "budget", Html.escape(budget(p)));
        fact(h, "search", Html.escape(search(p, run)));
        fact(h, "seed", Html.escape(text(p, "seed")));
        fact(h, "dataset", Html.escape(dataset(p)));
        fact(h, "checkpoint", p.has("checkpoint") ? Html.escape(text(p, "checkpoint", "path")) + "<br><code>sha256 "
                + Html.escape(text(p, "checkpoint", "sha256")) + "</code>" : NONE);
        fact(h, "evaluator", Html.escape(text(p, "evaluator")));
        fact(h, "latency", Html.escape(p.path("latencyModel").isTextual() || p.path("latencyMeter").isTextual()
                ? "predicted by " + text(p, "latencyModel") + "; measured by " + text(p, "latencyMeter")
                : "neither predicted nor measured"));
        fact(h, "sparsevit4j", Html.escape(text(p, "toolVersion") + ", commit " + text(p, "gitCommit")
                + ("true".equals(text(p, "gitDirty")) ? " (with uncommitted changes)" : "")));
        List<String> libraries = new ArrayList<>(List.of("Java " + text(p, "java") + " (" + text(p, "javaVendor") + ")",
                "Jenetics " + text(p, "jenetics")));
        if (p.has("djl")) {
            libraries.add("DJL " + text(p, "djl"));
            libraries.add(text(p, "engine") + " " + text(p, "engineVersion"));
        }
        fact(h, "libraries", Html.escape(String.join(", ", libraries)));
        fact(h, "machine", Html.escape((p.has("device") ? "device " + text(p, "device") + "; " : "")
                + text(p, "cpu", "model") + ", " + text(p, "cpu", "logicalCores") + " logical cores; "
                + text(p, "os", "name") + " " + text(p, "os", "version") + " (" + text(p, "os", "arch") + ")"));
        h.append("</table>\n");
    }

    private static void comparison(StringBuilder h, RunFolder run) {
        h.append("<h2 id=\"baselines\">Search against baselines</h2>\n");
        Optional<Baselines> baselines = run.baselines();
        if (baselines.isEmpty()) {
            h.append("<p class=\"note\">The search ran without baselines (no <code>baselines.json</code>).</p>\n");
            return;
        }
        Baselines b = baselines.get();
        h.append("<table>\n<tr><th></th><th class=\"num\">").append(Html.escape(run.metricName()))
                .append("</th><th class=\"num\">GMACs</th><th class=\"num\">MAC fraction</th><th>ratios</th></tr>\n");
        comparisonRow(h, "search: chosen configuration", Optional.of(run.best()), true);
        comparisonRow(h, "best uniform sparsity within the budget",
                bestOf(b.uniform().stream().filter(ReportedConfig::feasible).toList()), false);
        comparisonRow(h, "best of random search (" + b.randomEvaluations() + " evaluations)", bestOf(b.randomFront()),
                false);
        Optional<ReportedConfig> dense = b.uniform().stream().filter(c -> c.config().isDense()).findFirst();
        if (dense.isPresent()) {
            comparisonRow(h, "dense model" + (dense.get().feasible() ? "" : " (over the budget, for reference)"), dense,
                    false);
        }
        h.append("</table>\n");
        h.append("<p class=\"note\">Hypervolume of the front: search ").append(metric(run.hypervolume()))
                .append(", random search ").append(metric(b.randomHypervolume())).append(".")
                .append(dense.isPresent() ? "" : " The dense model is over the budget and was not evaluated.")
                .append("</p>\n");
    }

    private static void comparisonRow(StringBuilder h, String label, Optional<ReportedConfig> config, boolean chosen) {
        h.append(chosen ? "<tr class=\"chosen\">" : "<tr>").append("<td>").append(Html.escape(label)).append("</td>");
        if (config.isEmpty()) {
            h.append("<td class=\"num\">").append(NONE).append("</td><td class=\"num\">").append(NONE)
                    .append("</td><td class=\"num\">").append(NONE).append("</td><td>none met the budget</td></tr>\n");
            return;
        }
        ReportedConfig c = config.get();
        h.append("<td class=\"num\">").append(metric(c.metric())).append("</td><td class=\"num\">")
                .append(String.format(Locale.ROOT, "%.3f", c.gmacs())).append("</td><td class=\"num\">")
                .append(String.format(Locale.ROOT, "%.3f", c.macFraction())).append("</td><td><code>")
                .append(Html.escape(c.config().compact())).append("</code></td></tr>\n");
    }

    private static void frontTable(StringBuilder h, RunFolder run) {
        h.append("<h2 id=\"front\">The Pareto front</h2>\n<p class=\"note\">").append(run.front().size())
                .append(" configurations, cheapest first; the chosen one is highlighted. Cost objective: ")
                .append(Html.escape(run.costObjective())).append(".</p>\n");
        h.append("<table class=\"front\">\n<tr><th class=\"num\">#</th><th>ratios (a list per stage)</th><th class=\"num\">")
                .append(Html.escape(run.metricName())).append("</th><th class=\"num\">GMACs</th>")
                .append("<th class=\"num\">MAC fraction</th><th class=\"num\">predicted latency (ms)</th>")
                .append("<th class=\"num\">measured latency (ms)</th><th>origin</th></tr>\n");
        for (int i = 0; i < run.front().size(); i++) {
            ReportedConfig c = run.front().get(i);
            boolean chosen = c.config().equals(run.best().config());
            h.append("<tr class=\"front-member").append(chosen ? " chosen" : "").append("\"><td class=\"num\">")
                    .append(i + 1).append("</td><td><code>").append(Html.escape(c.config().compact()))
                    .append("</code></td><td class=\"num\">").append(metric(c.metric())).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%.3f", c.gmacs())).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%.3f", c.macFraction())).append("</td><td class=\"num\">")
                    .append(milliseconds(c.predictedLatencyMs())).append("</td><td class=\"num\">")
                    .append(milliseconds(c.measuredLatencyMs())).append("</td><td>").append(Html.escape(c.origin()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /** Class by class, each configuration's IoU, and the change from the first to the second. */
    private static void classIou(StringBuilder h, ClassIouTable table) {
        List<ClassIouTable.Column> columns = table.columns();
        boolean difference = columns.size() >= 2;
        h.append("<h2 id=\"class-iou\">Per-class IoU</h2>\n<p class=\"note\">On the ").append(Html.escape(table.split()))
                .append(" split, at each label's resolution. ").append(NONE)
                .append(": the class occurs neither in the labels nor in the predictions (left out of the mIoU).</p>\n")
                .append("<table class=\"class-iou\">\n<tr><th class=\"num\">#</th><th>class</th>");
        for (ClassIouTable.Column c : columns) {
            h.append("<th class=\"num\">").append(Html.escape(c.name())).append("<br><code>")
                    .append(Html.escape(c.ratios())).append("</code></th>");
        }
        if (difference) {
            h.append("<th class=\"num\">").append(Html.escape(columns.get(0).name() + " − " + columns.get(1).name()))
                    .append("</th>");
        }
        h.append("</tr>\n<tr class=\"chosen\"><td></td><td>mIoU</td>");
        columns.forEach(c -> h.append("<td class=\"num\">").append(iou(c.miou())).append("</td>"));
        if (difference) {
            h.append("<td class=\"num\">").append(signed(columns.get(0).miou() - columns.get(1).miou())).append("</td>");
        }
        h.append("</tr>\n");
        for (int k = 0; k < table.classes().size(); k++) {
            h.append("<tr><td class=\"num\">").append(k).append("</td><td>").append(Html.escape(table.classes().get(k)))
                    .append("</td>");
            for (ClassIouTable.Column c : columns) {
                h.append("<td class=\"num\">").append(iou(c.iou().get(k))).append("</td>");
            }
            if (difference) {
                h.append("<td class=\"num\">").append(signed(columns.get(0).iou().get(k) - columns.get(1).iou().get(k)))
                        .append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static String iou(double value) {
        return Double.isNaN(value) ? NONE : metric(value);
    }

    private static String signed(double value) {
        return Double.isNaN(value) ? NONE : String.format(Locale.ROOT, "%+.4f", value);
    }

    private static void figure(StringBuilder h, RenderedChart chart) {
        h.append("<figure id=\"").append(Html.escape(chart.name())).append("\">\n")
                .append(SvgText.inline(chart.svg(), chart.title())).append("\n<figcaption>")
                .append(Html.escape(chart.title())).append(" (<code>plots/").append(Html.escape(chart.name()))
                .append(".png</code>, <code>.svg</code>)</figcaption>\n</figure>\n");
    }

    private static void fact(StringBuilder h, String name, String html) {
        h.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(html).append("</td></tr>\n");
    }

    private static Optional<ReportedConfig> bestOf(List<ReportedConfig> configs) {
        return configs.stream().max(Comparator.comparingDouble(ReportedConfig::metric)
                .thenComparing(Comparator.comparingDouble(ReportedConfig::gmacs).reversed()));
    }

    private static String budget(JsonNode p) {
        JsonNode budget = p.path("settings").path("budget");
        List<String> parts = new ArrayList<>();
        if (budget.path("maxMacs").isTextual()) {
            JsonNode resolved = p.path("maxMacsResolved");
            parts.add("MACs at most " + budget.get("maxMacs").asText() + (resolved.isNumber()
                    ? String.format(Locale.ROOT, " (%.3f GMACs)", resolved.asDouble() / 1e9) : ""));
        }
        if (budget.path("maxLatencyMs").isNumber()) {
            parts.add("latency at most " + budget.get("maxLatencyMs").asText() + " ms");
        }
        if (budget.path("minLatencyMs").isNumber()) {
            parts.add("latency at least " + budget.get("minLatencyMs").asText() + " ms");
        }
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }

    private static String search(JsonNode p, RunFolder run) {
        JsonNode s = p.path("settings");
        String generations = run.generations().isEmpty() ? text(p, "settings", "generations")
                : String.valueOf(run.generations().get(run.generations().size() - 1).generation());
        return (s.path("pareto").asBoolean() ? "Pareto (NSGA-II)" : "single objective") + ", population "
                + text(p, "settings", "population") + ", " + generations + " generations, granularity "
                + text(p, "settings", "granularity") + ", " + text(p, "settings", "imageHeight") + "x"
                + text(p, "settings", "imageWidth") + " images, " + (run.generations().isEmpty() ? NONE
                : run.generations().get(run.generations().size() - 1).uniqueEvaluations()) + " unique evaluations";
    }

    private static String dataset(JsonNode p) {
        if (!p.has("dataset")) {
            return NONE;
        }
        return text(p, "dataset", "description") + "; " + text(p, "dataset", "split") + " split, "
                + text(p, "dataset", "images") + " images; identity " + text(p, "dataset", "identity");
    }

    private static String latencyNote(ReportedConfig c) {
        return (c.hasPredictedLatency() ? String.format(Locale.ROOT, ", %.2f ms predicted", c.predictedLatencyMs()) : "")
                + (c.hasMeasuredLatency() ? String.format(Locale.ROOT, ", %.2f ms measured", c.measuredLatencyMs()) : "");
    }

    /** The text at {@code path} in the provenance, or a dash when the run does not record it. */
    private static String text(JsonNode node, String... path) {
        JsonNode n = node;
        for (String field : path) {
            n = n.path(field);
        }
        return n.isMissingNode() || n.isNull() || n.isContainerNode() ? NONE : n.asText();
    }

    private static String metric(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static String milliseconds(double ms) {
        return Double.isNaN(ms) ? NONE : String.format(Locale.ROOT, "%.2f", ms);
    }
}
