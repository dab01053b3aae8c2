package org.sparsevit4j.search;

import java.util.List;
import java.util.Objects;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.SparsityConfig;

/**
 * One configuration as the result files report it, in {@code SparsityConfigJson}'s
 * {@code {"ratios": ...}} shape plus its objectives, so that {@code best.json} reads as a
 * configuration too ({@link BestFile} adds the format, the metric's name and the provenance).
 *
 * @param ratios per stage, per block
 * @param metric the evaluator's metric on the search split
 * @param macs backbone MACs
 * @param gmacs backbone GMACs
 * @param macFraction MACs as a fraction of the dense model's
 * @param latencyMs the latency model's prediction (kept beside {@code predictedLatencyMs} for
 *     readers of earlier runs), null without a model
 * @param predictedLatencyMs the latency model's prediction, null without a model
 * @param measuredLatencyMs the latency measured after the search, null when not measured
 * @param index position in evaluation order
 * @param generation generation that first proposed it, -1 for the baselines
 * @param origin how it was first proposed
 * @param genes the search's levels, 0..8, one per gene
 * @param feasible whether its costs meet the budget
 */
public record CandidateEntry(
        List<List<Double>> ratios,
        double metric,
        long macs,
        double gmacs,
        double macFraction,
        Double latencyMs,
        Double predictedLatencyMs,
        Double measuredLatencyMs,
        int index,
        int generation,
        Origin origin,
        List<Integer> genes,
        boolean feasible) {

    public CandidateEntry {
        Objects.requireNonNull(ratios, "ratios");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(genes, "genes");
        SparsityConfig.ofRatios(ratios); // the ratios' own rules, checked as the file is read
        finite("metric", metric);
        finite("gmacs", gmacs);
        finite("macFraction", macFraction);
        finite("predictedLatencyMs", predictedLatencyMs);
        finite("measuredLatencyMs", measuredLatencyMs);
    }

    /** An entry of a front or a baseline. */
    static CandidateEntry of(Candidate c, RunOutputs.Extras extras) {
        Double predicted = c.costs().hasLatency() ? c.costs().latencyMs() : null;
        return new CandidateEntry(c.config().ratios(), c.metric(), c.costs().macs(), c.costs().gmacs(),
                (double) c.costs().macs() / extras.denseMacs(), predicted, predicted,
                extras.measuredMs().get(c.config()), c.index(), c.generation(), c.origin(), c.genome().toList(),
                extras.withinBudget().test(c.costs()));
    }

    /** The configuration. */
    public SparsityConfig config() {
        return SparsityConfig.ofRatios(ratios);
    }

    /** The predicted latency, or {@code NaN} without a latency model. */
    public double predictedMs() {
        return predictedLatencyMs == null ? Double.NaN : predictedLatencyMs;
    }

    /** The measured latency, or {@code NaN} when not measured. */
    public double measuredMs() {
        return measuredLatencyMs == null ? Double.NaN : measuredLatencyMs;
    }

    private static void finite(String field, Double value) {
        if (value != null && !Double.isFinite(value)) {
            throw new InvalidInputException(field + " must be a finite number, found " + value);
        }
    }
}
