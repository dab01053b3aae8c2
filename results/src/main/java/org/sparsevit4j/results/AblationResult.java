package org.sparsevit4j.results;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code sparsevit ablate} found, as written to {@code ablation.json}: the paper's four claims
 * measured on one dataset. Every metric is on the reported split (val) unless its name says
 * {@code search}; MACs are the backbone's.
 *
 * @param format this schema's version, {@value #FORMAT}
 * @param metricName {@code miou} or {@code top1}
 * @param data the data, in words (dataset, split sizes, seed)
 * @param height evaluation rows (the full resolution)
 * @param width evaluation columns
 * @param denseMacs MACs of the dense backbone at the full resolution
 * @param budgetKind {@code macs}, or {@code latency} when a latency table set the budgets
 * @param curves (a): uniform sparsity of the SAA supernet and of the densely trained model
 * @param budgets (b), (c), (d): one entry per budget
 * @param downsampling (d): the dense model at lower resolutions, each point's MACs
 * @param settings the request, as given
 * @param provenance tool, commit, machine, libraries, date, wall time
 */
public record AblationResult(int format, String metricName, String data, int height, int width, long denseMacs,
        String budgetKind, Curves curves, List<Budget> budgets, List<ResolutionPoint> downsampling,
        Map<String, Object> settings, Map<String, Object> provenance) {

    public static final int FORMAT = 1;

    public AblationResult {
        Objects.requireNonNull(curves, "curves");
        budgets = List.copyOf(budgets);
        downsampling = List.copyOf(downsampling);
    }

    /**
     * (a): metric against uniform sparsity, both models trained for the same steps on the same data.
     *
     * @param supernet the SAA supernet
     * @param denseTrained the model trained dense (every step at ratio 0)
     * @param trainSteps steps each model was trained
     */
    public record Curves(List<CurvePoint> supernet, List<CurvePoint> denseTrained, long trainSteps) {
        public Curves {
            supernet = List.copyOf(supernet);
            denseTrained = List.copyOf(denseTrained);
        }
    }

    /** One uniform configuration: its ratio, cost and metric. */
    public record CurvePoint(double ratio, long macs, double macFraction, Double latencyMs, double metric) {
    }

    /**
     * One configuration a search or a baseline reported.
     *
     * @param ratios a list per stage
     * @param searchMetric its metric on the search split (what the search saw), or null
     * @param metric its metric on val (what is reported)
     */
    public record ConfigPoint(List<List<Double>> ratios, long macs, double macFraction, Double latencyMs,
            Double searchMetric, double metric) {
        public ConfigPoint {
            ratios = ratios.stream().map(List::copyOf).toList();
        }
    }

    /** The dense model on an input downsampled to {@code height x width}, its logits upsampled to the labels. */
    public record ResolutionPoint(int height, int width, long macs, double macFraction, double metric) {
    }

    /**
     * One search seed at one budget.
     *
     * @param chosen the evolutionary search's choice
     * @param random random search's best (by the search split), with as many evaluations
     * @param evaluations unique configurations each of the two evaluated
     * @param downsampled the dense model at the resolution whose dense MACs do not exceed the chosen one's
     */
    public record SeedRun(long seed, ConfigPoint chosen, ConfigPoint random, int evaluations,
            ResolutionPoint downsampled) {
    }

    /** Mean, sample standard deviation (0 for one value) and count. */
    public record Stat(double mean, double std, int n) {

        public static Stat of(List<Double> values) {
            int n = values.size();
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            return new Stat(mean, n > 1 ? Math.sqrt(squares / (n - 1)) : 0, n);
        }
    }

    /**
     * One budget: the searches over seeds against the baselines under it.
     *
     * @param fraction the budget as a fraction of dense (MACs, or latency with a table)
     * @param maxMacs the MAC ceiling, or null under a latency budget
     * @param maxLatencyMs the latency ceiling, or null under a MAC budget
     * @param seeds one run per search seed
     * @param bestUniform the best uniform configuration within the budget, decided on val
     * @param chosen the chosen configurations' metric over seeds
     * @param random random search's best over seeds
     * @param downsampled the downsampled inputs over seeds
     * @param chosenMinusUniform chosen minus best uniform, over seeds
     * @param evolutionMinusRandom chosen minus random search's best, over seeds
     * @param chosenMinusDownsampled chosen minus downsampled, over seeds
     */
    public record Budget(double fraction, Long maxMacs, Double maxLatencyMs, List<SeedRun> seeds,
            ConfigPoint bestUniform, Stat chosen, Stat random, Stat downsampled, Stat chosenMinusUniform,
            Stat evolutionMinusRandom, Stat chosenMinusDownsampled) {
        public Budget {
            seeds = List.copyOf(seeds);
        }
    }
}
