package org.sparsevit4j.results;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sparsevit4j.results.ChartStyle.Kind;

/**
 * The hypervolume of the search's front after each generation, with random search's (same
 * number of unique evaluations, same reference point) as a flat line: where the search's curve
 * ends above it, the evolution found a better front than sampling did.
 */
final class HypervolumeChart {

    private HypervolumeChart() {
    }

    /** Needs at least one generation row. */
    static XYChart of(RunFolder run) {
        XYChart chart = ChartStyle.xyChart("Hypervolume per generation", "generation", "hypervolume");
        // generations are whole; XChart may still put ticks between them on a short run
        chart.getStyler().setxAxisTickLabelsFormattingFunction(x -> x == Math.rint(x) ? ChartStyle.tickLabel(x) : "");
        double[] generation = run.generations().stream().mapToDouble(GenerationRow::generation).toArray();
        double[] hypervolume = run.generations().stream().mapToDouble(GenerationRow::hypervolume).toArray();
        ChartStyle.style(chart.addSeries("search", generation, hypervolume), Kind.SEARCH_FRONT, generation.length > 1);
        List<Double> values = new ArrayList<>(run.generations().stream().map(GenerationRow::hypervolume).toList());
        run.baselines().ifPresent(b -> values.add(b.randomHypervolume()));
        ChartStyle.yRange(chart, values);
        run.baselines().ifPresent(b -> {
            double first = generation[0];
            double last = Math.max(generation[generation.length - 1], first + 1);
            var random = chart.addSeries("random search (" + b.randomEvaluations() + " evaluations)",
                    new double[] {first, last}, new double[] {b.randomHypervolume(), b.randomHypervolume()});
            ChartStyle.style(random, Kind.RANDOM, true).setMarker(SeriesMarkers.NONE);
        });
        return chart;
    }
}
