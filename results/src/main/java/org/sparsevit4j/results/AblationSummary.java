package org.sparsevit4j.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sparsevit4j.results.AblationResult.Budget;
import org.sparsevit4j.results.AblationResult.CurvePoint;
import org.sparsevit4j.results.AblationResult.SeedRun;
import org.sparsevit4j.results.AblationResult.Stat;

/**
 * An ablation in words and tables, the same on the page, on the command line and in a README:
 * Markdown tables of (a) and of (b)–(d), and one sentence per claim saying whether it held.
 *
 * <p>A difference over seeds holds when its whole mean ± standard deviation band is above zero, is
 * reversed when the band is below zero, and is inconclusive otherwise; one seed is never called a
 * finding.
 */
public final class AblationSummary {

    /** The uniform ratio at which (a) is judged, as the issue and the paper state it. */
    static final double JUDGED_RATIO = 0.6;
    /** Points of metric the densely trained model must lose there for the benchmark to show the price of sparsity. */
    static final double DENSE_LOSS_BAR = 10;
    /** Points of metric the SAA supernet may lose there at most. */
    static final double SAA_LOSS_BAR = 3;

    private AblationSummary() {
    }

    /** (a) as a Markdown table: one row per uniform ratio. */
    public static List<String> curveTable(AblationResult r) {
        List<String> lines = new ArrayList<>();
        lines.add("| uniform ratio | MAC fraction | SAA supernet | trained dense |");
        lines.add("|---|---|---|---|");
        List<CurvePoint> saa = r.curves().supernet();
        List<CurvePoint> dense = r.curves().denseTrained();
        for (int i = 0; i < saa.size(); i++) {
            lines.add(String.format(Locale.ROOT, "| %.1f | %.3f | %.4f | %s |", saa.get(i).ratio(),
                    saa.get(i).macFraction(), saa.get(i).metric(), i < dense.size()
                            ? String.format(Locale.ROOT, "%.4f", dense.get(i).metric()) : "—"));
        }
        return lines;
    }

    /** (b)–(d) as a Markdown table: one row per budget, means ± standard deviations over the seeds. */
    public static List<String> budgetTable(AblationResult r) {
        List<String> lines = new ArrayList<>();
        lines.add("| budget | searched | best uniform | random search's best | input downsampled | searched − uniform "
                + "| evolution − random | searched − downsampled |");
        lines.add("|---|---|---|---|---|---|---|---|");
        for (Budget b : r.budgets()) {
            String uniform = b.bestUniform() == null ? "none within the budget" : String.format(Locale.ROOT,
                    "%.4f (%.1f)", b.bestUniform().metric(), b.bestUniform().ratios().get(0).get(0));
            List<SeedRun> reachable = b.seeds().stream().filter(AblationSummary::downsamplingReaches).toList();
            String resolutions = String.join("/", reachable.stream().map(s -> s.downsampled().height() + "x"
                    + s.downsampled().width()).distinct().toList());
            if (reachable.size() < b.seeds().size()) {
                resolutions += (resolutions.isEmpty() ? "" : "; ") + (b.seeds().size() - reachable.size()) + " of "
                        + b.seeds().size() + " seeds: no input costs as little";
            }
            lines.add(String.format(Locale.ROOT, "| %sx %s | %s | %s | %s | %s (%s) | %s | %s | %s |", b.fraction(),
                    r.budgetKind().equals("latency") ? "latency" : "MACs", stat(b.chosen()), uniform, stat(b.random()),
                    stat(b.downsampled()), resolutions, signed(b.chosenMinusUniform()),
                    signed(b.evolutionMinusRandom()), signed(b.chosenMinusDownsampled())));
        }
        return lines;
    }

    /** One sentence per claim (a) to (d), saying with its figures whether it held. */
    public static List<String> claims(AblationResult r) {
        List<String> out = new ArrayList<>();
        out.add(adaptationClaim(r));
        out.add(claim("(b) searched beats the best uniform configuration within the budget", r,
                Budget::chosenMinusUniform));
        out.add(claim("(c) evolutionary search beats random search with as many evaluations", r,
                Budget::evolutionMinusRandom));
        out.add(claim("(d) pruning windows beats downsampling the input to the same MACs", r,
                Budget::chosenMinusDownsampled));
        return out;
    }

    private static String adaptationClaim(AblationResult r) {
        List<CurvePoint> saa = r.curves().supernet();
        List<CurvePoint> dense = r.curves().denseTrained();
        int at = -1;
        for (int i = 0; i < saa.size(); i++) {
            if (at < 0 || Math.abs(saa.get(i).ratio() - JUDGED_RATIO) < Math.abs(saa.get(at).ratio() - JUDGED_RATIO)) {
                at = i;
            }
        }
        if (at < 0 || dense.size() <= at) {
            return "(a) not measured";
        }
        double saaLoss = 100 * (saa.get(0).metric() - saa.get(at).metric());
        double denseLoss = 100 * (dense.get(0).metric() - dense.get(at).metric());
        boolean met = denseLoss >= DENSE_LOSS_BAR && saaLoss <= SAA_LOSS_BAR;
        return String.format(Locale.ROOT, "(a) at uniform %.1f the SAA supernet loses %.1f points of %s (%.4f to %.4f),"
                + " the model trained dense %.1f (%.4f to %.4f): %s; the bar (trained dense loses at least %.0f points,"
                + " SAA at most %.0f) is %s (one training seed each)", saa.get(at).ratio(), saaLoss, r.metricName(),
                saa.get(0).metric(), saa.get(at).metric(), denseLoss, dense.get(0).metric(), dense.get(at).metric(),
                denseLoss > saaLoss ? "SAA keeps more" : "SAA does not keep more", DENSE_LOSS_BAR, SAA_LOSS_BAR,
                met ? "met" : "not met");
    }

    private static String claim(String what, AblationResult r, java.util.function.Function<Budget, Stat> difference) {
        List<String> parts = new ArrayList<>();
        for (Budget b : r.budgets()) {
            Stat d = difference.apply(b);
            parts.add(b.fraction() + "x: " + signed(d) + " points, " + verdict(d));
        }
        return what + ": " + String.join("; ", parts);
    }

    /**
     * Whether some downsampled input costs no more than the seed's chosen configuration (the last stages'
     * windows are padded to a full window, so small inputs stop getting cheaper); only those are compared.
     */
    public static boolean downsamplingReaches(SeedRun s) {
        return s.downsampled().macs() <= s.chosen().macs();
    }

    /**
     * {@code holds}, {@code reversed}, {@code inconclusive}, for one seed {@code one seed, no finding}, and
     * {@code nothing to compare} without any.
     */
    static String verdict(Stat d) {
        if (d.n() == 0) {
            return "nothing to compare";
        }
        if (d.n() < 2 || Double.isNaN(d.mean())) {
            return "one seed, no finding";
        }
        if (d.mean() - d.std() > 0) {
            return "holds";
        }
        return d.mean() + d.std() < 0 ? "reversed" : "inconclusive";
    }

    private static String stat(Stat s) {
        return Double.isNaN(s.mean()) ? "—" : String.format(Locale.ROOT, "%.4f ± %.4f", s.mean(), s.std());
    }

    /** A difference in points (metric × 100), signed. */
    private static String signed(Stat s) {
        return Double.isNaN(s.mean()) ? "—" : String.format(Locale.ROOT, "%+.2f ± %.2f", 100 * s.mean(), 100 * s.std());
    }
}
