package org.sparsevit4j.results;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sparsevit4j.results.AblationResult.Budget;
import org.sparsevit4j.results.AblationResult.SeedRun;

/**
 * The ablation page: one self-contained HTML file (styles and charts inline) with the claims and
 * whether they held, the tables of {@link AblationSummary}, the charts, every seed's configurations,
 * and the settings and provenance.
 */
final class AblationHtml {

    private static final String STYLE = """
            body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 1100px;
                   padding: 0 1em; color: #222; }
            h2 { margin-top: 2em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
            table { border-collapse: collapse; margin: 0.5em 0; }
            th, td { padding: 0.25em 0.7em; text-align: left; border-bottom: 1px solid #eee; vertical-align: top; }
            code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.9em; }
            figure svg { max-width: 100%; height: auto; }
            figcaption, .note { color: #666; font-size: 0.9em; }
            """;

    private AblationHtml() {
    }

    static String render(AblationResult r, List<RenderedChart> charts, Optional<String> chartsMissing) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>SparseViT ablation</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>SparseViT ablation</h1>\n<p class=\"note\">").append(Html.escape(r.data()))
                .append(String.format(Locale.ROOT, "; %dx%d; dense backbone %.3f GMACs; budgets in %s.", r.height(),
                        r.width(), r.denseMacs() / 1e9, r.budgetKind().equals("latency")
                                ? "fractions of the latency table's dense prediction" : "fractions of dense MACs"))
                .append(chartsMissing.map(m -> " <strong>" + Html.escape(m) + ".</strong>").orElse("")).append("</p>\n");
        h.append("<h2 id=\"claims\">The claims</h2>\n<ul>\n");
        AblationSummary.claims(r).forEach(c -> h.append("<li>").append(Html.escape(c)).append("</li>\n"));
        h.append("</ul>\n<p class=\"note\">Differences are in points (metric × 100), mean ± standard deviation over "
                + "the search seeds; a claim holds when the whole band is above zero.</p>\n");
        h.append("<h2 id=\"budgets\">(b)–(d) at each budget, on val</h2>\n");
        markdownTable(h, AblationSummary.budgetTable(r));
        chart(h, charts, AblationCharts.BUDGETS);
        h.append("<h2 id=\"adaptation\">(a) sparsity-aware adaptation</h2>\n<p class=\"note\">Both models trained for ")
                .append(r.curves().trainSteps()).append(" steps on the same data with the same seed.</p>\n");
        markdownTable(h, AblationSummary.curveTable(r));
        chart(h, charts, AblationCharts.ADAPTATION);
        seeds(h, r);
        h.append("<h2 id=\"settings\">Settings and provenance</h2>\n<table>\n");
        facts(h, r.settings());
        facts(h, r.provenance());
        h.append("</table>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void seeds(StringBuilder h, AblationResult r) {
        h.append("<h2 id=\"seeds\">Every search</h2>\n<table>\n<tr><th>budget</th><th>seed</th><th>searched</th>")
                .append("<th>val</th><th>search split</th><th>random search's best</th><th>val</th><th>search split</th>")
                .append("<th>evaluations each</th><th>downsampled input</th><th>val</th></tr>\n");
        for (Budget b : r.budgets()) {
            for (SeedRun s : b.seeds()) {
                h.append(String.format(Locale.ROOT, "<tr><td>%sx</td><td>%d</td><td><code>%s</code> (%.3f)</td>"
                        + "<td>%.4f</td><td>%.4f</td><td><code>%s</code> (%.3f)</td><td>%.4f</td><td>%.4f</td>"
                        + "<td>%d</td><td>%dx%d (%.3f)</td><td>%.4f</td></tr>\n", b.fraction(), s.seed(),
                        Html.escape(s.chosen().ratios().toString()), s.chosen().macFraction(), s.chosen().metric(),
                        s.chosen().searchMetric(), Html.escape(s.random().ratios().toString()),
                        s.random().macFraction(), s.random().metric(), s.random().searchMetric(), s.evaluations(),
                        s.downsampled().height(), s.downsampled().width(), s.downsampled().macFraction(),
                        s.downsampled().metric()));
            }
        }
        h.append("</table>\n<p class=\"note\">MAC fractions in parentheses.</p>\n");
    }

    /** A Markdown table as HTML (the first line the header, the second the rule). */
    private static void markdownTable(StringBuilder h, List<String> lines) {
        h.append("<table>\n");
        for (int i = 0; i < lines.size(); i++) {
            if (i == 1) {
                continue;
            }
            String tag = i == 0 ? "th" : "td";
            h.append("<tr>");
            String line = lines.get(i).strip();
            for (String cell : line.substring(1, line.length() - 1).split("\\|", -1)) {
                h.append('<').append(tag).append('>').append(Html.escape(cell.strip())).append("</").append(tag)
                        .append('>');
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void chart(StringBuilder h, List<RenderedChart> charts, String name) {
        charts.stream().filter(c -> c.name().equals(name)).findFirst().ifPresent(c -> h.append("<figure id=\"")
                .append(c.name()).append("\">\n").append(SvgText.inline(c.svg(), c.title())).append("\n<figcaption>")
                .append(Html.escape(c.title())).append("</figcaption>\n</figure>\n"));
    }

    private static void facts(StringBuilder h, Map<String, Object> facts) {
        facts.forEach((k, v) -> h.append("<tr><th>").append(Html.escape(k)).append("</th><td><code>")
                .append(Html.escape(String.valueOf(v))).append("</code></td></tr>\n"));
    }
}
