package org.sparsevit4j.results;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The look every chart of the report shares, and one colour and marker per kind of series, so
 * that the search, its best configuration and each baseline look the same in every chart.
 */
final class ChartStyle {

    static final int WIDTH = 900;
    static final int HEIGHT = 520;

    /** What a series shows; each kind has one look across the charts. */
    enum Kind {
        SEARCH_FRONT(new Color(0x1f, 0x77, 0xb4), SeriesMarkers.CIRCLE, false),
        BEST(new Color(0xd6, 0x27, 0x28), SeriesMarkers.DIAMOND, false),
        UNIFORM(new Color(0xff, 0x7f, 0x0e), SeriesMarkers.SQUARE, true),
        RANDOM(new Color(0x7f, 0x7f, 0x7f), SeriesMarkers.TRIANGLE_UP, true),
        DENSE(Color.BLACK, SeriesMarkers.CROSS, true),
        MEASURED(new Color(0x2c, 0xa0, 0x2c), SeriesMarkers.CIRCLE, false),
        DOWNSAMPLED(new Color(0x94, 0x67, 0xbd), SeriesMarkers.TRIANGLE_DOWN, true),
        DENSE_TRAINED(new Color(0x8c, 0x56, 0x4b), SeriesMarkers.SQUARE, true);

        final Color color;
        final Marker marker;
        final boolean dashed;

        Kind(Color color, Marker marker, boolean dashed) {
            this.color = color;
            this.marker = marker;
            this.dashed = dashed;
        }
    }

    private static final BasicStroke DASHED =
            new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f);

    private ChartStyle() {
    }

    /** An empty XY chart with the report's look; numbers are formatted the same in every locale. */
    static XYChart xyChart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        var styler = chart.getStyler();
        styler.setLocale(Locale.ROOT);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.LIGHT_GRAY);
        styler.setPlotGridLinesColor(new Color(0xe6, 0xe6, 0xe6));
        // beside the plot, one entry a line: a row under it cuts long entries off at the edges
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setMarkerSize(8);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        styler.setBaseFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setAntiAlias(true);
        styler.setxAxisTickLabelsFormattingFunction(ChartStyle::tickLabel);
        styler.setyAxisTickLabelsFormattingFunction(ChartStyle::tickLabel);
        return chart;
    }

    /**
     * A tick value to four significant digits without trailing zeros ({@code 0.01032}, {@code 0.7},
     * {@code 12}): XChart's own labels print every digit of a double on a narrow range.
     */
    static String tickLabel(double value) {
        if (value == 0 || !Double.isFinite(value)) {
            return value == 0 ? "0" : Double.toString(value);
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros();
        return rounded.abs().compareTo(BigDecimal.valueOf(1_000_000)) >= 0 ? String.format(Locale.ROOT, "%.3e", value)
                : rounded.toPlainString();
    }

    /**
     * The y range to draw {@code values} in: their own, or, when they are all equal (an untrained
     * model scores every configuration the same), a margin around that value, since an axis of
     * zero height hides the points and gives XChart no ticks to place. Sets it on {@code chart}
     * when it had to be widened.
     *
     * @return {@code {low, high}}
     */
    static double[] yRange(XYChart chart, List<Double> values) {
        double low = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double high = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        if (high - low > 1e-9 * Math.max(1, Math.abs(high))) {
            return new double[] {low, high};
        }
        double margin = Math.max(0.01, 0.05 * Math.abs(high));
        chart.getStyler().setYAxisMin(low - margin);
        chart.getStyler().setYAxisMax(high + margin);
        return new double[] {low - margin, high + margin};
    }

    /**
     * The colour of member {@code i} of {@code n} ordered by cost: light blue for the cheapest to
     * dark blue for the most expensive, so that lines of many configurations stay apart and the
     * order can be read without the legend.
     */
    static Color shade(int i, int n) {
        float t = n <= 1 ? 1f : (float) i / (n - 1);
        return new Color(Math.round(0x9e + t * (0x08 - 0x9e)), Math.round(0xca + t * (0x30 - 0xca)),
                Math.round(0xe1 + t * (0x6b - 0xe1)));
    }

    /** Gives {@code series} the look of its kind; {@code line} joins its points, otherwise markers only. */
    static XYSeries style(XYSeries series, Kind kind, boolean line) {
        series.setXYSeriesRenderStyle(line ? XYSeries.XYSeriesRenderStyle.Line : XYSeries.XYSeriesRenderStyle.Scatter);
        series.setMarker(kind.marker);
        series.setMarkerColor(kind.color);
        series.setLineColor(kind.color);
        series.setLineStyle(kind.dashed ? DASHED : new BasicStroke(kind == Kind.BEST ? 2.5f : 1.5f));
        return series;
    }
}
