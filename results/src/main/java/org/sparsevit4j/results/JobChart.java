package org.sparsevit4j.results;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.results.ChartStyle.Kind;

/**
 * The curve of a batch job: the metric against cost across its targets, each target's front in a
 * colour of its own, the configuration each chose, and uniform sparsity as the reference every
 * target's baseline evaluated: the picture that says what each budget buys.
 */
final class JobChart {

    /** Matplotlib's "tab10" without its red, which marks the chosen configurations, and its orange (uniform). */
    private static final Color[] PALETTE = {new Color(0x1f, 0x77, 0xb4), new Color(0x2c, 0xa0, 0x2c),
        new Color(0x94, 0x67, 0xbd), new Color(0x8c, 0x56, 0x4b), new Color(0xe3, 0x77, 0xc2),
        new Color(0x7f, 0x7f, 0x7f), new Color(0xbc, 0xbd, 0x22), new Color(0x17, 0xbe, 0xcf)};

    private JobChart() {
    }

    /** Metric against backbone GMACs. */
    static XYChart ofMacs(String metricName, List<JobReport.Target> targets) {
        XYChart chart = ChartStyle.xyChart(metricName + " against GMACs, every target", "backbone GMACs", metricName);
        List<Double> metrics = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            JobReport.Target t = targets.get(i);
            front(chart, t.name(), color(i), t.run().front(), ReportedConfig::gmacs, metrics);
        }
        List<ReportedConfig> uniform = uniform(targets);
        XYSeries reference = add(chart, "uniform sparsity", uniform, ReportedConfig::gmacs, metrics);
        if (reference != null) {
            ChartStyle.style(reference, Kind.UNIFORM, uniform.size() > 1);
        }
        chosen(chart, targets.stream().map(t -> t.run().best()).toList(), ReportedConfig::gmacs, metrics);
        ChartStyle.yRange(chart, metrics);
        return chart;
    }

    /**
     * Metric against latency, for the targets that predicted or measured any: each front at its
     * predicted latency, each chosen configuration measured where it was.
     */
    static XYChart ofLatency(String metricName, List<JobReport.Target> targets) {
        XYChart chart = ChartStyle.xyChart(metricName + " against latency, every target with latency", "latency (ms)",
                metricName);
        List<Double> metrics = new ArrayList<>();
        List<ReportedConfig> chosen = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            JobReport.Target t = targets.get(i);
            if (t.run().hasLatency()) {
                front(chart, t.name() + " (predicted)", color(i), t.run().front(), ReportedConfig::predictedLatencyMs,
                        metrics);
                chosen.add(t.run().best());
            }
        }
        chosen(chart, chosen, c -> c.hasMeasuredLatency() ? c.measuredLatencyMs() : c.predictedLatencyMs(), metrics);
        ChartStyle.yRange(chart, metrics);
        return chart;
    }

    /** The uniform configurations the targets' baselines evaluated, each once, cheapest first. */
    static List<ReportedConfig> uniform(List<JobReport.Target> targets) {
        Map<SparsityConfig, ReportedConfig> byConfig = new LinkedHashMap<>();
        for (JobReport.Target t : targets) {
            t.run().baselines().ifPresent(b -> b.uniform().forEach(c -> byConfig.putIfAbsent(c.config(), c)));
        }
        return byConfig.values().stream().sorted(Comparator.comparingDouble(ReportedConfig::gmacs)).toList();
    }

    private static void front(XYChart chart, String name, Color color, List<ReportedConfig> front,
            ToDoubleFunction<ReportedConfig> cost, List<Double> metrics) {
        XYSeries series = add(chart, name, front, cost, metrics);
        if (series != null) {
            series.setXYSeriesRenderStyle(series.getXData().length > 1 ? XYSeries.XYSeriesRenderStyle.Line
                    : XYSeries.XYSeriesRenderStyle.Scatter);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setMarkerColor(color);
            series.setLineColor(color);
            series.setLineStyle(new BasicStroke(1.5f));
        }
    }

    /** The chosen configurations, one series drawn last so that they stay on top. */
    private static void chosen(XYChart chart, List<ReportedConfig> chosen, ToDoubleFunction<ReportedConfig> cost,
            List<Double> metrics) {
        XYSeries series = add(chart, "chosen configuration of each target", chosen, cost, metrics);
        if (series != null) {
            ChartStyle.style(series, Kind.BEST, false);
        }
    }

    /** Adds the configurations whose cost is known, cheapest first; none when none is (XChart refuses empty series). */
    private static XYSeries add(XYChart chart, String name, List<ReportedConfig> configs,
            ToDoubleFunction<ReportedConfig> cost, List<Double> metrics) {
        List<ReportedConfig> known = configs.stream().filter(c -> Double.isFinite(cost.applyAsDouble(c)))
                .sorted(Comparator.comparingDouble(cost)).toList();
        if (known.isEmpty()) {
            return null;
        }
        known.forEach(c -> metrics.add(c.metric()));
        return chart.addSeries(name, known.stream().mapToDouble(cost).toArray(),
                known.stream().mapToDouble(ReportedConfig::metric).toArray());
    }

    private static Color color(int i) {
        return PALETTE[i % PALETTE.length];
    }
}
