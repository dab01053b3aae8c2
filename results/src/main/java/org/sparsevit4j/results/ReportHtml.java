package org.sparsevit4j.results;

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
                .append("<style>\n").append(Html.STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>SparseViT search report</h1>\n")
                .append("<p class=\"note\">Run folder <code>").append(Html.escape(run.dir().toAbsolutePath().toString()))
                .append("</code>. ").append(chartsMissing.isPresent()
                        ? "<strong>" + Html.escape(chartsMissing.get()) + ".</strong>"
                        : "Charts are also in <code>plots/</code> as PNG and SVG.").append("</p>\n");
        provenance(h, run);
        comparison(h, run);
        for (RenderedChart chart : charts) {
            if (chart.name().startsWith("pareto")) {
                Html.figure(h, chart);
            }
        }
        frontTable(h, run);
        run.classIou().ifPresent(table -> classIou(h, table));
        h.append("<h2 id=\"progress\">Search progress</h2>\n");
        if (charts.stream().noneMatch(c -> c.name().equals(RunReport.HYPERVOLUME))) {
            h.append("<p class=\"note\">No <code>generations.csv</code> in the run folder: no progress to show.</p>\n");
        }
        charts.stream().filter(c -> !c.name().startsWith("pareto")).forEach(c -> Html.figure(h, c));
        return h.append("</body>\n</html>\n").toString();
    }

    private static void provenance(StringBuilder h, RunFolder run) {
        ProvenanceFacts p = run.provenance();
        ReportedConfig best = run.best();
        h.append("<h2 id=\"run\">Run</h2>\n<table class=\"facts\">\n");
        Html.fact(h, "chosen configuration", "<code>" + Html.escape(best.config().compact()) + "</code>");
        Html.fact(h, "its " + run.metricName(), Html.escape(Html.metric(best.metric())));
        Html.fact(h, "its cost", Html.escape(String.format(Locale.ROOT, "%.3f GMACs (%.1f%% of dense)%s", best.gmacs(),
                100 * best.macFraction(), latencyNote(best))));
        Html.fact(h, "budget", Html.escape(budget(p)));
        Html.fact(h, "search", Html.escape(search(p, run)));
        Html.fact(h, "seed", Html.escape(Html.orNone(p.seed())));
        Html.fact(h, "latency", Html.escape(p.latencyModel() != null || p.latencyMeter() != null
                ? "predicted by " + Html.orNone(p.latencyModel()) + "; measured by " + Html.orNone(p.latencyMeter())
                : "neither predicted nor measured"));
        originFacts(h, p);
        h.append("</table>\n");
    }

    /**
     * Where the metric came from: data, checkpoint, evaluator, tool, libraries and machine, as facts
     * rows; the batch job's page shows the same for the provenance its targets share.
     */
    static void originFacts(StringBuilder h, ProvenanceFacts p) {
        Html.fact(h, "dataset", Html.escape(dataset(p.dataset())));
        Html.fact(h, "checkpoint", p.checkpoint() != null ? Html.escape(Html.orNone(p.checkpoint().path()))
                + "<br><code>sha256 " + Html.escape(Html.orNone(p.checkpoint().sha256())) + "</code>" : Html.NONE);
        Html.fact(h, "evaluator", Html.escape(Html.orNone(p.evaluator())));
        Html.fact(h, "sparsevit4j", Html.escape(Html.orNone(p.toolVersion()) + ", commit " + Html.orNone(p.gitCommit())
                + ("true".equals(p.gitDirty()) ? " (with uncommitted changes)" : "")));
        List<String> libraries = new ArrayList<>(List.of("Java " + Html.orNone(p.java()) + " ("
                + Html.orNone(p.javaVendor()) + ")", "Jenetics " + Html.orNone(p.jenetics())));
        if (p.djl() != null) {
            libraries.add("DJL " + p.djl());
            libraries.add(Html.orNone(p.engine()) + " " + Html.orNone(p.engineVersion()));
        }
        Html.fact(h, "libraries", Html.escape(String.join(", ", libraries)));
        ProvenanceFacts.Cpu cpu = p.cpu() != null ? p.cpu() : new ProvenanceFacts.Cpu(null, null);
        ProvenanceFacts.Os os = p.os() != null ? p.os() : new ProvenanceFacts.Os(null, null, null);
        Html.fact(h, "machine", Html.escape((p.device() != null ? "device " + p.device() + "; " : "")
                + Html.orNone(cpu.model()) + ", " + Html.orNone(cpu.logicalCores()) + " logical cores; "
                + Html.orNone(os.name()) + " " + Html.orNone(os.version()) + " (" + Html.orNone(os.arch()) + ")"));
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
        h.append("<p class=\"note\">Hypervolume of the front: search ").append(Html.metric(run.hypervolume()))
                .append(", random search ").append(Html.metric(b.randomHypervolume())).append(".")
                .append(dense.isPresent() ? "" : " The dense model is over the budget and was not evaluated.")
                .append("</p>\n");
    }

    private static void comparisonRow(StringBuilder h, String label, Optional<ReportedConfig> config, boolean chosen) {
        h.append(chosen ? "<tr class=\"chosen\">" : "<tr>").append("<td>").append(Html.escape(label)).append("</td>");
        if (config.isEmpty()) {
            h.append("<td class=\"num\">").append(Html.NONE).append("</td><td class=\"num\">").append(Html.NONE)
                    .append("</td><td class=\"num\">").append(Html.NONE)
                    .append("</td><td>none met the budget</td></tr>\n");
            return;
        }
        ReportedConfig c = config.get();
        h.append("<td class=\"num\">").append(Html.metric(c.metric())).append("</td><td class=\"num\">")
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
                    .append("</code></td><td class=\"num\">").append(Html.metric(c.metric()))
                    .append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%.3f", c.gmacs())).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%.3f", c.macFraction())).append("</td><td class=\"num\">")
                    .append(Html.milliseconds(c.predictedLatencyMs())).append("</td><td class=\"num\">")
                    .append(Html.milliseconds(c.measuredLatencyMs())).append("</td><td>").append(Html.escape(c.origin()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /** Class by class, each configuration's IoU, and the change from the first to the second. */
    private static void classIou(StringBuilder h, ClassIouTable table) {
        List<ClassIouTable.Column> columns = table.columns();
        boolean difference = columns.size() >= 2;
        h.append("<h2 id=\"class-iou\">Per-class IoU</h2>\n<p class=\"note\">On the ").append(Html.escape(table.split()))
                .append(" split, at each label's resolution. ").append(Html.NONE)
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
        return Double.isNaN(value) ? Html.NONE : Html.metric(value);
    }

    private static String signed(double value) {
        return Double.isNaN(value) ? Html.NONE : String.format(Locale.ROOT, "%+.4f", value);
    }

    private static Optional<ReportedConfig> bestOf(List<ReportedConfig> configs) {
        return configs.stream().max(Comparator.comparingDouble(ReportedConfig::metric)
                .thenComparing(Comparator.comparingDouble(ReportedConfig::gmacs).reversed()));
    }

    private static String budget(ProvenanceFacts p) {
        ProvenanceFacts.Budget budget = p.settings() == null ? null : p.settings().budget();
        List<String> parts = new ArrayList<>();
        if (budget != null && budget.maxMacs() != null) {
            parts.add("MACs at most " + budget.maxMacs() + (p.maxMacsResolved() != null
                    ? String.format(Locale.ROOT, " (%.3f GMACs)", p.maxMacsResolved() / 1e9) : ""));
        }
        if (budget != null && budget.maxLatencyMs() != null) {
            parts.add("latency at most " + budget.maxLatencyMs() + " ms");
        }
        if (budget != null && budget.minLatencyMs() != null) {
            parts.add("latency at least " + budget.minLatencyMs() + " ms");
        }
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }

    private static String search(ProvenanceFacts p, RunFolder run) {
        ProvenanceFacts.Settings s = p.settings() != null ? p.settings()
                : new ProvenanceFacts.Settings(null, null, null, null, null, null, null);
        String generations = run.generations().isEmpty() ? Html.orNone(s.generations())
                : String.valueOf(run.generations().get(run.generations().size() - 1).generation());
        return (Boolean.TRUE.equals(s.pareto()) ? "Pareto (NSGA-II)" : "single objective") + ", population "
                + Html.orNone(s.population()) + ", " + generations + " generations, granularity "
                + Html.orNone(s.granularity()) + ", " + Html.orNone(s.imageHeight()) + "x"
                + Html.orNone(s.imageWidth()) + " images, " + (run.generations().isEmpty() ? Html.NONE
                : run.generations().get(run.generations().size() - 1).uniqueEvaluations()) + " unique evaluations";
    }

    private static String dataset(ProvenanceFacts.Dataset d) {
        if (d == null) {
            return Html.NONE;
        }
        return Html.orNone(d.description()) + "; " + Html.orNone(d.split()) + " split, " + Html.orNone(d.images())
                + " images; identity " + Html.orNone(d.identity());
    }

    private static String latencyNote(ReportedConfig c) {
        return (c.hasPredictedLatency() ? String.format(Locale.ROOT, ", %.2f ms predicted", c.predictedLatencyMs()) : "")
                + (c.hasMeasuredLatency() ? String.format(Locale.ROOT, ", %.2f ms measured", c.measuredLatencyMs()) : "");
    }
}
