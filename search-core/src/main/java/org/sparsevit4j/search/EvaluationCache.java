package org.sparsevit4j.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.Genome;
import org.sparsevit4j.core.SparsityCodec;

/**
 * Every configuration evaluated in a run, in evaluation order, keyed by genome: a configuration is
 * evaluated at most once, and the count of entries is the run's number of unique evaluations.
 *
 * <p>A batch's new configurations are numbered in the order they first appear in the batch before
 * any is evaluated, and results are stored by that number, so the outcome is the same whether they
 * run on one thread or many (only when the evaluator says it is thread-safe).
 */
final class EvaluationCache implements AutoCloseable {

    private final SparsityCodec codec;
    private final ConfigEvaluator evaluator;
    private final ExecutorService pool;
    private final Map<Genome, Candidate> byGenome = new HashMap<>();
    private final List<Candidate> inOrder = new ArrayList<>();

    EvaluationCache(SparsityCodec codec, ConfigEvaluator evaluator, int threads) {
        this.codec = codec;
        this.evaluator = evaluator;
        this.pool = threads > 1 && evaluator.isThreadSafe() ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sparsevit-eval");
            t.setDaemon(true);
            return t;
        }) : null;
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
        double[] metrics = new double[pending.size()];
        if (pool == null || pending.size() < 2) {
            for (int i = 0; i < metrics.length; i++) {
                metrics[i] = evaluateOne(codec.decode(pending.get(i).genome()));
            }
            return metrics;
        }
        List<Future<Double>> futures = new ArrayList<>(pending.size());
        for (Draw draw : pending) {
            SparsityConfig config = codec.decode(draw.genome());
            futures.add(pool.submit(() -> evaluateOne(config)));
        }
        for (int i = 0; i < metrics.length; i++) {
            metrics[i] = await(futures, i);
        }
        return metrics;
    }

    private double evaluateOne(SparsityConfig config) {
        double metric = evaluator.evaluate(config);
        if (!Double.isFinite(metric)) {
            throw new IllegalStateException("evaluator " + evaluator.description() + " returned " + metric
                    + " for " + config.compact() + "; the metric must be finite");
        }
        return metric;
    }

    private static double await(List<Future<Double>> futures, int i) {
        try {
            return futures.get(i).get();
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating a generation", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("evaluation failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
