package org.sparsevit4j.search;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The 2-D hypervolume of a set of (metric, cost) points, metric maximised and cost minimised:
 * the area of the region they dominate inside the reference box {@code metric > refMetric,
 * cost < refCost}. Jenetics has none. Points outside the box contribute nothing; dominated points
 * need no filtering (the sweep takes the running maximum).
 *
 * <p>The search uses metric {@code SearchSettings.hypervolumeReferenceMetric()} (default 0) and
 * the budget's ceiling of the cost objective (or the dense configuration's cost when there is
 * none) as the reference point, so the number is comparable between generations of one run and
 * between the search and its random-search baseline. Units: metric times GMACs (or ms).
 */
public final class Hypervolume {

    private Hypervolume() {
    }

    /** Hypervolume of the points {@code (metrics[i], costs[i])} against {@code (refMetric, refCost)}. */
    public static double of(double[] metrics, double[] costs, double refMetric, double refCost) {
        if (metrics.length != costs.length) {
            throw new IllegalArgumentException(metrics.length + " metrics but " + costs.length + " costs");
        }
        Integer[] order = IntStream.range(0, metrics.length)
                .filter(i -> metrics[i] > refMetric && costs[i] < refCost)
                .boxed().toArray(Integer[]::new);
        if (order.length == 0) {
            return 0;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> costs[i]).thenComparingDouble(i -> -metrics[i]));
        double area = 0;
        double height = refMetric;
        double previousCost = costs[order[0]];
        for (int i : order) {
            area += (costs[i] - previousCost) * (height - refMetric);
            height = Math.max(height, metrics[i]);
            previousCost = costs[i];
        }
        return area + (refCost - previousCost) * (height - refMetric);
    }

    /** Hypervolume of candidates on {@code objective}. */
    static double of(List<Candidate> candidates, CostObjective objective, double refMetric, double refCost) {
        double[] metrics = candidates.stream().mapToDouble(Candidate::metric).toArray();
        double[] costs = candidates.stream().mapToDouble(c -> objective.of(c.costs())).toArray();
        return of(metrics, costs, refMetric, refCost);
    }
}
