package org.sparsevit4j.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparsevit4j.core.Genome;
import org.sparsevit4j.core.SparsityCodec;
import org.sparsevit4j.core.SparsityConfig;

/**
 * Every configuration evaluated in a run, in evaluation order, keyed by genome: a configuration is
 * evaluated at most once, and the count of entries is the run's number of unique evaluations.
 *
 * <p>A batch's new configurations are numbered in the order they first appear in the batch and
 * handed to the evaluator together ({@link ConfigEvaluator#evaluateAll}); results are stored by
 * that number, so the outcome does not depend on how or where the evaluator computes them.
 */
final class EvaluationCache {

    private final SparsityCodec codec;
    private final ConfigEvaluator evaluator;
    private final Map<Genome, Candidate> byGenome = new HashMap<>();
    private final List<Candidate> inOrder = new ArrayList<>();

    EvaluationCache(SparsityCodec codec, ConfigEvaluator evaluator) {
        this.codec = codec;
        this.evaluator = evaluator;
    }
    /** Puts back a candidate read from a state file; they must come in index order. */
    void restore(Candidate candidate) {
        if (candidate.index() != inOrder.size()) {
            throw new IllegalStateException("cache entry " + candidate.index() + " restored at position " + inOrder.size());
        }
        if (byGenome.putIfAbsent(candidate.genome(), candidate) != null) {
            throw new IllegalStateException("cache entry " + candidate.index() + " repeats " + candidate.config().compact());
        }
        inOrder.add(candidate);
    }

    Candidate get(int index) {
        return inOrder.get(index);
    }

    Candidate get(Genome genome) {
        return byGenome.get(genome);
    }

    int size() {
        return inOrder.size();
    }

    /** All candidates in evaluation order. */
    List<Candidate> all() {
        return List.copyOf(inOrder);
    }

    /**
     * The candidate of each draw, evaluating the ones not cached yet. At most {@code maxNew} new
     * configurations are evaluated: the list stops before the draw that would be one too many.
     */
    List<Candidate> evaluate(List<Draw> draws, int generation, long maxNew) {
        Map<Genome, Draw> fresh = new LinkedHashMap<>();
        int accepted = 0;
        for (Draw draw : draws) {
            if (!byGenome.containsKey(draw.genome()) && !fresh.containsKey(draw.genome())) {
                if (fresh.size() >= maxNew) {
                    break;
                }
                fresh.put(draw.genome(), draw);
            }
            accepted++;
        }
        List<Draw> pending = List.copyOf(fresh.values());
        double[] metrics = evaluateAll(pending);
        for (int i = 0; i < pending.size(); i++) {
            Draw draw = pending.get(i);
            Candidate candidate = new Candidate(draw.genome(), codec.decode(draw.genome()), metrics[i],
                    draw.costs(), inOrder.size(), generation, draw.origin());
            inOrder.add(candidate);
            byGenome.put(candidate.genome(), candidate);
        }
        List<Candidate> out = new ArrayList<>(accepted);
        for (int i = 0; i < accepted; i++) {
            out.add(byGenome.get(draws.get(i).genome()));
        }
        return out;
    }

    private double[] evaluateAll(List<Draw> pending) {
        if (pending.isEmpty()) {
            return new double[0];
        }
        List<SparsityConfig> configs = pending.stream().map(d -> codec.decode(d.genome())).toList();
        double[] metrics = evaluator.evaluateAll(configs);
        if (metrics.length != configs.size()) {
            throw new IllegalStateException("evaluator " + evaluator.description() + " returned " + metrics.length
                    + " metrics for " + configs.size() + " configurations");
        }
        for (int i = 0; i < metrics.length; i++) {
            if (!Double.isFinite(metrics[i])) {
                throw new IllegalStateException("evaluator " + evaluator.description() + " returned " + metrics[i]
                        + " for " + configs.get(i).compact() + "; the metric must be finite");
            }
        }
        return metrics;
    }
}
