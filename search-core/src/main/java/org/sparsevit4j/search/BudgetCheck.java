package org.sparsevit4j.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.Genome;
import org.sparsevit4j.core.SparsityCodec;

/**
 * A {@link SearchBudget} resolved against a model: MAC limits in absolute MACs, the latency model
 * bound, and the up-front checks that keep a search from spinning on a budget nothing can meet.
 *
 * <p>{@link #resolve} fails at once, naming both numbers, when the sparsest configuration (every
 * ratio 0.8) already exceeds the MAC ceiling, when every uniform configuration is predicted above
 * the latency ceiling or below its floor (latency need not fall with sparsity), or when a latency
 * bound is set without a {@link CostModel}. It reports a warning when even
 * the dense configuration meets the budget, since the search is then unconstrained.
 */
public final class BudgetCheck {

    private final SearchBudget budget;
    private final MacCostTable macTable;
    private final CostModel latencyModel;
    private final SparsityCodec codec;
    private final long maxMacs;
    private final double maxLatencyMs;
    private final double minLatencyMs;
    private final List<String> warnings;

    private BudgetCheck(SearchBudget budget, SparsityCodec codec, MacCostTable macTable, CostModel latencyModel) {
        this.budget = budget;
        this.codec = codec;
        this.macTable = macTable;
        this.latencyModel = latencyModel;
        this.maxMacs = budget.maxMacs() == null ? Long.MAX_VALUE : budget.maxMacs().resolve(macTable.denseMacs());
        this.maxLatencyMs = budget.maxLatencyMs() == null ? Double.POSITIVE_INFINITY : budget.maxLatencyMs();
        this.minLatencyMs = budget.minLatencyMs() == null ? Double.NEGATIVE_INFINITY : budget.minLatencyMs();
        this.warnings = new ArrayList<>();
    }

    /**
     * Resolves {@code budget}; {@code latencyModel} may be {@code null} when the budget has no
     * latency bound. Throws {@link InvalidInputException} for a budget no configuration can meet.
     */
    public static BudgetCheck resolve(SearchBudget budget, SparsityCodec codec, MacCostTable macTable,
            CostModel latencyModel) {
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(macTable, "macTable");
        if (budget.hasLatencyBound() && latencyModel == null) {
            throw new InvalidInputException("budget " + budget
                    + " needs a latency cost model (a profiler lookup table), but none was given");
        }
        BudgetCheck check = new BudgetCheck(budget, codec, macTable, latencyModel);
        check.requireSatisfiable();
        return check;
    }

    private void requireSatisfiable() {
        Genome dense = codec.uniform(0);
        long sparsestMacs = macTable.sparsestMacs();
        if (sparsestMacs > maxMacs) {
            throw new InvalidInputException("max MACs " + budget.maxMacs() + " (" + gmacs(maxMacs)
                    + " GMACs) is below the sparsest configuration (every ratio 0.8) at " + gmacs(sparsestMacs)
                    + " GMACs; no configuration can meet it");
        }
        boolean denseMeetsAll = macTable.denseMacs() <= maxMacs;
        if (latencyModel != null) {
            // latency need not fall with sparsity (on a GPU, gathering windows can cost more than it
            // saves), so the bounds are checked against the fastest and slowest uniform configuration
            int fastest = 0;
            int slowest = 0;
            double[] ms = new double[SparsityCodec.MAX_LEVEL + 1];
            for (int level = 0; level <= SparsityCodec.MAX_LEVEL; level++) {
                ms[level] = latency(codec.uniform(level));
                fastest = ms[level] < ms[fastest] ? level : fastest;
                slowest = ms[level] > ms[slowest] ? level : slowest;
            }
            if (ms[fastest] > maxLatencyMs) {
                throw new InvalidInputException("max latency " + ms(maxLatencyMs) + " ms is below the fastest uniform "
                        + "configuration's (every ratio " + ratio(fastest) + ") predicted " + ms(ms[fastest])
                        + " ms (dense: " + ms(ms[0]) + " ms); no configuration can be expected to meet it");
            }
            if (ms[slowest] < minLatencyMs) {
                throw new InvalidInputException("min latency " + ms(minLatencyMs) + " ms is above the slowest uniform "
                        + "configuration's (every ratio " + ratio(slowest) + ") predicted " + ms(ms[slowest])
                        + " ms; no configuration can be expected to be that slow");
            }
            denseMeetsAll &= ms[slowest] <= maxLatencyMs && ms[fastest] >= minLatencyMs;
        }
        if (budget.isUnconstrained()) {
            warnings.add("no budget: every configuration is feasible, so the search will favour dense ones");
        } else if (denseMeetsAll) {
            warnings.add("budget " + budget + " is met by every configuration (dense: "
                    + gmacs(macTable.denseMacs()) + " GMACs" + (latencyModel == null ? "" : ", " + ms(latency(dense)) + " ms")
                    + "), so it constrains nothing");
        }
    }

    /** Warnings found by {@link #resolve} (e.g. a budget that every configuration meets). */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** The costs of a repaired genome if it meets the budget, else {@code null}. MACs are checked first, as they are cheaper. */
    public CandidateCosts costsIfFeasible(Genome genome) {
        long macs = macTable.macs(genome);
        if (macs > maxMacs) {
            return null;
        }
        if (latencyModel == null) {
            return CandidateCosts.ofMacs(macs);
        }
        double ms = latency(genome);
        return ms <= maxLatencyMs && ms >= minLatencyMs ? new CandidateCosts(macs, ms) : null;
    }

    /**
     * Whether costs already computed meet the budget; for the result files, which report it for
     * every candidate without asking the latency model again. A latency bound is only checked
     * where the costs hold a prediction.
     */
    public boolean isMetBy(CandidateCosts costs) {
        if (costs.macs() > maxMacs) {
            return false;
        }
        return !costs.hasLatency() || costs.latencyMs() <= maxLatencyMs && costs.latencyMs() >= minLatencyMs;
    }

    /** The costs of a repaired genome, feasible or not. */
    public CandidateCosts costs(Genome genome) {
        long macs = macTable.macs(genome);
        return latencyModel == null ? CandidateCosts.ofMacs(macs) : new CandidateCosts(macs, latency(genome));
    }

    public boolean hasLatencyModel() {
        return latencyModel != null;
    }

    /** MAC ceiling in MACs; {@link Long#MAX_VALUE} when there is none. */
    public long maxMacs() {
        return maxMacs;
    }

    /** Latency ceiling in ms; infinite when there is none. */
    public double maxLatencyMs() {
        return maxLatencyMs;
    }

    /** Latency floor in ms; negative infinity when there is none. */
    public double minLatencyMs() {
        return minLatencyMs;
    }

    public SearchBudget budget() {
        return budget;
    }

    public MacCostTable macTable() {
        return macTable;
    }

    private double latency(Genome genome) {
        double ms = latencyModel.latencyMs(codec.decode(genome));
        if (!(ms >= 0) || Double.isInfinite(ms)) {
            throw new IllegalStateException("latency model " + latencyModel.description() + " returned " + ms
                    + " ms for " + codec.decode(genome).compact() + "; it must be finite and not negative");
        }
        return ms;
    }

    static String gmacs(long macs) {
        return String.format(Locale.ROOT, "%.3f", macs / 1e9);
    }

    private static String ratio(int level) {
        return String.format(Locale.ROOT, "%.1f", level / 10.0);
    }

    static String ms(double ms) {
        return String.format(Locale.ROOT, "%.3f", ms);
    }
}
