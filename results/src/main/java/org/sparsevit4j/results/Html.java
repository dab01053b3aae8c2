package org.sparsevit4j.results;

import java.util.Locale;

/**
 * What the report pages share: escaping of text placed into HTML (so that names and paths from a run
 * folder cannot break the page), the style sheet, and the way facts, numbers and figures are written.
 */
final class Html {

    /** What a page shows where a value is unknown. */
    static final String NONE = "—";

    static final String STYLE = """
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

    private Html() {
    }

    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A row of a facts table; {@code html} is already escaped. */
    static void fact(StringBuilder h, String name, String html) {
        h.append("<tr><th>").append(escape(name)).append("</th><td>").append(html).append("</td></tr>\n");
    }

    /** A chart inline as SVG, captioned with its title and the files it is also saved as. */
    static void figure(StringBuilder h, RenderedChart chart) {
        h.append("<figure id=\"").append(escape(chart.name())).append("\">\n")
                .append(SvgText.inline(chart.svg(), chart.title())).append("\n<figcaption>")
                .append(escape(chart.title())).append(" (<code>plots/").append(escape(chart.name()))
                .append(".png</code>, <code>.svg</code>)</figcaption>\n</figure>\n");
    }

    /** A recorded value as text, or a dash when the run does not record it. */
    static String orNone(Object value) {
        return value == null ? NONE : String.valueOf(value);
    }

    static String metric(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    static String milliseconds(double ms) {
        return Double.isNaN(ms) ? NONE : String.format(Locale.ROOT, "%.2f", ms);
    }
}
