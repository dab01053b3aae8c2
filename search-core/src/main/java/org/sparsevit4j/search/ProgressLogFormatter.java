package org.sparsevit4j.search;

import java.util.Locale;

/**
 * The CLI's one line per generation, e.g.
 * {@code gen 3/20  best 0.81234 @ 25.103 GMACs 41.200 ms  feasible 37.5%  evals 412  hv 8.1234 (front 7)}.
 */
public final class ProgressLogFormatter {

    private ProgressLogFormatter() {
    }

    public static String format(GenerationReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "gen %d/%d  best %.5f @ %.3f GMACs", r.generation(), r.generations(),
                r.bestMetric(), r.bestCosts().gmacs()));
        if (r.bestCosts().hasLatency()) {
            sb.append(String.format(Locale.ROOT, " %.3f ms", r.bestCosts().latencyMs()));
        }
        sb.append(String.format(Locale.ROOT, "  feasible %.1f%%  evals %d  hv %.4f (front %d)",
                100 * r.feasibleRate(), r.uniqueEvaluations(), r.hypervolume(), r.frontSize()));
        return sb.toString();
    }
}
