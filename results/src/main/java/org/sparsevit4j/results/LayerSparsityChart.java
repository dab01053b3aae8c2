package org.sparsevit4j.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.results.ChartStyle.Kind;

/**
 * The pruning ratio of every block for the chosen configuration and members of the front: where
 * the search spends its sparsity (the paper's finding is that it differs a lot between layers).
 * Blocks are numbered through the network and labelled {@code sSbB}, as the search names genes.
 */
final class LayerSparsityChart {

    /** Front members drawn at most; more lines would be unreadable (the table lists them all). */
    static final int MAX_FRONT_LINES = 8;

    private LayerSparsityChart() {
    }

    static XYChart of(RunFolder run) {
        List<ReportedConfig> shown = spreadOut(run.front(), MAX_FRONT_LINES);
        String title = shown.size() < run.front().size()
                ? String.format(Locale.ROOT, "Per-layer sparsity (%d of %d front members)", shown.size(), run.front().size())
                : "Per-layer sparsity";
        XYChart chart = ChartStyle.xyChart(title, "block: s = stage, b = block, from 0", "pruning ratio");
        SparsityConfig best = run.best().config();
        List<String> labels = blockLabels(best);
        var styler = chart.getStyler();
        styler.setYAxisMin(0.0);
        styler.setYAxisMax(0.8);
        styler.setxAxisTickLabelsFormattingFunction(x -> {
            int i = (int) Math.round(x);
            return Math.abs(x - i) < 1e-9 && i >= 0 && i < labels.size() ? labels.get(i) : "";
        });
        for (int i = 0; i < shown.size(); i++) {
            ReportedConfig c = shown.get(i);
            // the front position makes the name unique, which XChart requires of series
            XYSeries s = chart.addSeries(String.format(Locale.ROOT, "front #%d (%.2f GMACs)",
                    run.front().indexOf(c) + 1, c.gmacs()), blockIndices(c.config()), ratios(c.config()));
            ChartStyle.style(s, Kind.SEARCH_FRONT, true);
            s.setLineColor(ChartStyle.shade(i, shown.size()));
            s.setMarkerColor(ChartStyle.shade(i, shown.size()));
        }
        XYSeries chosen = chart.addSeries(String.format(Locale.ROOT, "chosen (%.2f GMACs)", run.best().gmacs()),
                blockIndices(best), ratios(best));
        ChartStyle.style(chosen, Kind.BEST, true);
        return chart;
    }

    /** At most {@code max} members, evenly spread from the cheapest to the most accurate. */
    static List<ReportedConfig> spreadOut(List<ReportedConfig> front, int max) {
        if (front.size() <= max) {
            return front;
        }
        List<ReportedConfig> picked = new ArrayList<>(max);
        for (int i = 0; i < max; i++) {
            picked.add(front.get((int) Math.round(i * (front.size() - 1) / (double) (max - 1))));
        }
        return picked;
    }

    private static List<String> blockLabels(SparsityConfig config) {
        List<String> labels = new ArrayList<>();
        for (int s = 0; s < config.numStages(); s++) {
            for (int b = 0; b < config.depth(s); b++) {
                labels.add("s" + s + "b" + b);
            }
        }
        return labels;
    }

    private static double[] blockIndices(SparsityConfig config) {
        double[] x = new double[ratios(config).length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return x;
    }

    private static double[] ratios(SparsityConfig config) {
        return config.ratios().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).toArray();
    }
}
