package org.sparsevit4j.results;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.sparsevit4j.results.AblationResult.Budget;
import org.sparsevit4j.results.AblationResult.CurvePoint;
import org.sparsevit4j.results.AblationResult.ResolutionPoint;
import org.sparsevit4j.results.AblationResult.SeedRun;
import org.sparsevit4j.results.ChartStyle.Kind;

/**
 * The two pictures of an ablation: (a) metric against MACs of the SAA supernet and of the densely
 * trained model under uniform sparsity; (b)–(d) the searched, uniform, random-search and downsampled
 * points on one set of axes.
 */
final class AblationCharts {

    static final String ADAPTATION = "ablation-adaptation";
    static final String BUDGETS = "ablation-budgets";

    private AblationCharts() {
    }

    static XYChart adaptation(AblationResult r) {
        XYChart chart = ChartStyle.xyChart("(a) uniform sparsity: SAA supernet against a model trained dense",
                "MAC fraction of dense", r.metricName());
        List<Double> metrics = new ArrayList<>();
        curve(chart, "SAA supernet", Kind.UNIFORM, r.curves().supernet(), metrics);
        curve(chart, "trained dense", Kind.DENSE_TRAINED, r.curves().denseTrained(), metrics);
        ChartStyle.yRange(chart, metrics);
        return chart;
    }

    static XYChart budgets(AblationResult r) {
        XYChart chart = ChartStyle.xyChart("(b)-(d) " + r.metricName() + " against MACs on val", "MAC fraction of dense",
                r.metricName());
        List<Double> metrics = new ArrayList<>();
        curve(chart, "uniform sparsity (SAA supernet)", Kind.UNIFORM, r.curves().supernet(), metrics);
        List<ResolutionPoint> down = r.downsampling();
        if (!down.isEmpty()) {
            double[] x = down.stream().mapToDouble(ResolutionPoint::macFraction).toArray();
            double[] y = down.stream().mapToDouble(ResolutionPoint::metric).toArray();
            down.forEach(p -> metrics.add(p.metric()));
            ChartStyle.style(chart.addSeries("dense, input downsampled", x, y), Kind.DOWNSAMPLED, x.length > 1);
        }
        List<SeedRun> runs = r.budgets().stream().flatMap(b -> b.seeds().stream()).toList();
        if (!runs.isEmpty()) {
            scatter(chart, "random search's best (each seed)", Kind.RANDOM,
                    runs.stream().mapToDouble(s -> s.random().macFraction()).toArray(),
                    runs.stream().mapToDouble(s -> s.random().metric()).toArray(), metrics);
            scatter(chart, "searched (each seed)", Kind.BEST,
                    runs.stream().mapToDouble(s -> s.chosen().macFraction()).toArray(),
                    runs.stream().mapToDouble(s -> s.chosen().metric()).toArray(), metrics);
        }
        ChartStyle.yRange(chart, metrics);
        return chart;
    }

    private static void curve(XYChart chart, String name, Kind kind, List<CurvePoint> points, List<Double> metrics) {
        if (points.isEmpty()) {
            return;
        }
        List<CurvePoint> sorted = points.stream().sorted(java.util.Comparator.comparingDouble(CurvePoint::macFraction))
                .toList();
        double[] x = sorted.stream().mapToDouble(CurvePoint::macFraction).toArray();
        double[] y = sorted.stream().mapToDouble(CurvePoint::metric).toArray();
        sorted.forEach(p -> metrics.add(p.metric()));
        ChartStyle.style(chart.addSeries(name, x, y), kind, x.length > 1);
    }

    private static void scatter(XYChart chart, String name, Kind kind, double[] x, double[] y, List<Double> metrics) {
        for (double v : y) {
            metrics.add(v);
        }
        ChartStyle.style(chart.addSeries(name, x, y), kind, false);
    }

    /** The budgets' fractions, for a caption. */
    static String budgetList(List<Budget> budgets) {
        return String.join(", ", budgets.stream().map(b -> b.fraction() + "x").toList());
    }
}
