package org.sparsevit4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.sparsevit4j.search.Candidate;
import org.sparsevit4j.search.SearchResult;

/** What {@code sparsevit search} prints when it ends: the choice beside its baselines, and where the files are. */
final class SearchResultLines {

    private SearchResultLines() {
    }

    /** The best configuration, the best uniform and random search's best, the front, the run folder. */
    static void print(PrintWriter out, SearchResult result, Path runDir) {
        Candidate best = result.best();
        out.printf(Locale.ROOT, "best %s %.4f at %.3f GMACs%s: %s%n", result.metricName(), best.metric(),
                best.costs().macs() / 1e9, best.costs().hasLatency()
                        ? String.format(Locale.ROOT, ", %.1f ms predicted", best.costs().latencyMs()) : "",
                best.config().compact());
        if (result.baselines() != null) {
            if (result.baselines().bestUniform() != null) {
                Candidate u = result.baselines().bestUniform();
                out.printf(Locale.ROOT, "best uniform %.4f at %.3f GMACs: %s%n", u.metric(), u.costs().macs() / 1e9,
                        u.config().compact());
            }
            if (result.baselines().bestRandom() != null) {
                Candidate r = result.baselines().bestRandom();
                out.printf(Locale.ROOT, "random search (%d evaluations) %.4f at %.3f GMACs%n",
                        result.baselines().randomEvaluations(), r.metric(), r.costs().macs() / 1e9);
            }
        }
        out.printf(Locale.ROOT, "Pareto front: %d configurations, hypervolume %.4f; %d unique evaluations%n",
                result.paretoFront().size(), result.hypervolume(), result.uniqueEvaluations());
        out.println("results in " + runDir + " (best.json, best-config.json, pareto.json, pareto.csv, candidates.csv)");
    }
}
