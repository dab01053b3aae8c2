package org.sparsevit4j.results;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;

/**
 * Draws a chart to PNG and SVG in memory, so that nothing is written until every chart of the
 * report has been drawn.
 */
final class ChartRenderer {

    private ChartRenderer() {
    }

    /**
     * Makes AWT render without a display (servers, CI). Must run before the first AWT class that
     * asks for a graphics environment; an explicit {@code -Djava.awt.headless} is left as it is.
     */
    static void useHeadlessAwt() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** {@code name} is the file name without extension; it also prefixes the SVG's ids. */
    static RenderedChart render(String name, XYChart chart) {
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            ByteArrayOutputStream svg = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return new RenderedChart(name, chart.getTitle(), png,
                    SvgText.withStableIds(SvgText.withShortNumbers(svg.toString(StandardCharsets.UTF_8)), name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw chart " + name + " in memory", e);
        }
    }
}
