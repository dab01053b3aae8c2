package org.sparsevit4j.results;

import java.util.Objects;

/**
 * One chart of the report, drawn: the PNG and SVG files it is saved as, and the SVG again for
 * inlining into the HTML page.
 *
 * @param name file name without extension, e.g. {@code pareto-macs}
 * @param title what the chart shows, for the page's headings and image descriptions
 * @param png the chart as a PNG image
 * @param svg the chart as a standalone SVG document
 */
record RenderedChart(String name, String title, byte[] png, String svg) {

    RenderedChart {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(png, "png");
        Objects.requireNonNull(svg, "svg");
    }
}
