package org.sparsevit4j.app;

import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.MacCounter;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.profiler.LatencyTable;
import org.sparsevit4j.search.MacLimit;

/**
 * What a configuration costs in an ablation and what its budgets allow: backbone MACs at the full
 * resolution, and with a latency table the table's prediction as built (the budgets are fractions of
 * its dense prediction; each search re-anchors the table to its own process, which scales budget and
 * predictions alike).
 *
 * @param table the latency table, or null for MAC budgets
 */
record AblationCosts(ArchitectureSpec arch, Resolution resolution, LatencyTable table) {

    long macs(SparsityConfig config) {
        return MacCounter.count(arch, resolution.height(), resolution.width(), config).backbone();
    }

    long denseMacs() {
        return macs(SparsityConfig.dense(arch));
    }

    /** The table's prediction, or null without a table. */
    Double latencyMs(SparsityConfig config) {
        return table == null ? null : table.latencyMs(config);
    }

    /** The MAC ceiling of a budget of {@code fraction} of dense, as {@code --max-macs 0.5x} resolves it. */
    long maxMacs(double fraction) {
        return MacLimit.parse(AblationRequest.macBudget(fraction)).resolve(denseMacs());
    }

    /** The latency ceiling of a budget of {@code fraction} of the table's dense prediction. */
    double latencyBudget(double fraction) {
        return fraction * table.latencyMs(SparsityConfig.dense(arch));
    }

    /** Whether a configuration of these costs meets the budget of {@code fraction}. */
    boolean within(double fraction, long macs, Double latencyMs) {
        return table == null ? macs <= maxMacs(fraction) : latencyMs != null && latencyMs <= latencyBudget(fraction);
    }
}
