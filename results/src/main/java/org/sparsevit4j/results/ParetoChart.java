package org.sparsevit4j.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sparsevit4j.results.ChartStyle.Kind;

/**
 * The search's Pareto front (metric against cost) with the chosen configuration, the dense model
 * and the baselines on the same axes: the picture that says whether searching per-layer sparsity
 * beat sparsifying uniformly or drawing configurations at random.
 */
final class ParetoChart {

    private ParetoChart() {
    }

    /** Metric against backbone GMACs. */
    static XYChart ofMacs(RunFolder run) {
        XYChart chart = ChartStyle.xyChart("Pareto front: " + run.metricName() + " against GMACs", "backbone GMACs",
                run.metricName());
        List<Double> metrics = new ArrayList<>();
        addFrontAndBaselines(chart, run, ReportedConfig::gmacs, "", metrics);
        ReportedConfig dense = denseEvaluated(run);
        if (dense != null) {
            add(chart, "dense model", Kind.DENSE, List.of(dense), ReportedConfig::gmacs, false, metrics);
        }
        add(chart, "chosen configuration", Kind.BEST, List.of(run.best()), ReportedConfig::gmacs, false, metrics);
        double[] yRange = ChartStyle.yRange(chart, metrics);
        if (dense == null && Double.isFinite(run.denseGmacs())) {
            // Over the budget, so never evaluated: its cost is known, its metric is not.
            var line = chart.addSeries("dense model (not evaluated)", new double[] {run.denseGmacs(), run.denseGmacs()},
                    yRange);
            ChartStyle.style(line, Kind.DENSE, true).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    /**
     * Metric against latency, when the run knows any: the latency model's prediction for every
     * series that has it, and the measurement of the front and best where they were measured.
     */
    static XYChart ofLatency(RunFolder run) {
        XYChart chart = ChartStyle.xyChart("Pareto front: " + run.metricName() + " against latency", "latency (ms)",
                run.metricName());
        List<Double> metrics = new ArrayList<>();
        addFrontAndBaselines(chart, run, ReportedConfig::predictedLatencyMs, " (predicted)", metrics);
        add(chart, "search front (measured)", Kind.MEASURED, run.front(), ReportedConfig::measuredLatencyMs, true,
                metrics);
        ReportedConfig dense = denseEvaluated(run);
        if (dense != null) {
            add(chart, "dense model (predicted)", Kind.DENSE, List.of(dense), ReportedConfig::predictedLatencyMs,
                    false, metrics);
        }
        // shown as measured when it was; added last, so that it is drawn on top
        boolean measured = run.best().hasMeasuredLatency();
        add(chart, "chosen configuration" + (measured ? " (measured)" : " (predicted)"), Kind.BEST,
                List.of(run.best()), measured ? ReportedConfig::measuredLatencyMs : ReportedConfig::predictedLatencyMs,
                false, metrics);
        ChartStyle.yRange(chart, metrics);
        return chart;
    }

    private static void addFrontAndBaselines(XYChart chart, RunFolder run, ToDoubleFunction<ReportedConfig> cost,
            String suffix, List<Double> metrics) {
        add(chart, "search front" + suffix, Kind.SEARCH_FRONT, run.front(), cost, true, metrics);
        run.baselines().ifPresent(b -> {
            add(chart, "uniform sparsity" + suffix, Kind.UNIFORM, b.uniform(), cost, true, metrics);
            add(chart, "random search front" + suffix, Kind.RANDOM, b.randomFront(), cost, true, metrics);
        });
    }

    /** Adds the configurations whose cost is known, cheapest first; nothing when none is (XChart rejects empty series). */
    private static void add(XYChart chart, String name, Kind kind, List<ReportedConfig> configs,
            ToDoubleFunction<ReportedConfig> cost, boolean line, List<Double> metrics) {
        List<ReportedConfig> known = configs.stream().filter(c -> Double.isFinite(cost.applyAsDouble(c)))
                .sorted(Comparator.comparingDouble(cost)).toList();
        if (known.isEmpty()) {
            return;
        }
        double[] x = known.stream().mapToDouble(cost).toArray();
        double[] y = known.stream().mapToDouble(ReportedConfig::metric).toArray();
        known.forEach(c -> metrics.add(c.metric()));
        ChartStyle.style(chart.addSeries(name, x, y), kind, line && known.size() > 1);
    }

    /** The dense configuration, which the uniform baseline evaluates (over the budget too, as a reference). */
    private static ReportedConfig denseEvaluated(RunFolder run) {
        return run.baselines().flatMap(b -> b.uniform().stream().filter(c -> c.config().isDense()).findFirst())
                .orElse(null);
    }
}
