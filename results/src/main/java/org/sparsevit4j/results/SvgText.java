package org.sparsevit4j.results;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text edits of the SVG documents XChart (through VectorGraphics2D) writes. Their element ids are
 * hash codes of the clipping shapes, so two charts with the same plot area would share an id on
 * one page (ids must be unique in an HTML document); they are renamed after the chart here.
 * VectorGraphics2D draws text as outlines, so the documents need no font to look the same everywhere.
 */
final class SvgText {

    private static final Pattern ID = Pattern.compile("id=\"([^\"]+)\"");
    private static final Pattern PROLOG = Pattern.compile("\\A\\s*<\\?xml[^>]*\\?>\\s*(<!DOCTYPE[^>]*>\\s*)?");
    private static final Pattern LONG_DECIMAL = Pattern.compile("-?\\d+\\.\\d{2,}");
    private static final Pattern NAMESPACES = Pattern.compile("\\s+xmlns(:xlink)?=\"[^\"]*\"");

    private SvgText() {
    }

    /**
     * {@code svg} with every number rounded to a tenth. VectorGraphics2D writes coordinates with up
     * to ten decimals, mostly in the outlines of the text; a tenth of a pixel cannot be seen at a
     * chart's size, and rounding halves the files and the page that inlines them.
     */
    static String withShortNumbers(String svg) {
        return LONG_DECIMAL.matcher(svg).replaceAll(m -> String.format(Locale.ROOT, "%.1f", Double.parseDouble(m.group())));
    }

    /** {@code svg} with its ids renamed {@code prefix-1}, {@code prefix-2}, ... in document order, and their references. */
    static String withStableIds(String svg, String prefix) {
        Map<String, String> renamed = new LinkedHashMap<>();
        Matcher m = ID.matcher(svg);
        while (m.find()) {
            renamed.putIfAbsent(m.group(1), prefix + "-" + (renamed.size() + 1));
        }
        String out = svg;
        for (Map.Entry<String, String> e : renamed.entrySet()) {
            out = out.replace("id=\"" + e.getKey() + "\"", "id=\"" + e.getValue() + "\"")
                    .replace("url(#" + e.getKey() + ")", "url(#" + e.getValue() + ")");
        }
        return out;
    }

    /**
     * The {@code <svg>} element alone, for placing inside an HTML page: without the XML prolog
     * and the DOCTYPE (which names the DTD by URL), and without namespace declarations, which
     * HTML implies for an inline {@code <svg>}. {@code title} is added for screen readers.
     */
    static String inline(String svg, String title) {
        String element = PROLOG.matcher(svg).replaceFirst("");
        int end = element.indexOf('>');
        if (!element.startsWith("<svg") || end < 0) {
            throw new IllegalArgumentException("not an SVG document: " + element.substring(0, Math.min(40, element.length())));
        }
        String open = NAMESPACES.matcher(element.substring(0, end)).replaceAll("");
        return open + " role=\"img\"><title>" + Html.escape(title) + "</title>" + element.substring(end + 1);
    }
}
