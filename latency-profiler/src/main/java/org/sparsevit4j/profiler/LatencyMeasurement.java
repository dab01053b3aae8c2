package org.sparsevit4j.profiler;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.IntToDoubleFunction;
import org.sparsevit4j.core.SparsityConfig;

/**
 * Measures several things that each take one pass (configurations, table rows) under one plan.
 *
 * <p>Every item is warmed up first; the timed passes then go round-robin over the items, in an order
 * shuffled every round, so that drift of the machine (other load, clock frequency) spreads over all
 * of them alike and their figures compare like with like. An item whose spread exceeds the plan's is measured again, up
 * to the plan's retries, keeping its steadiest attempt; one still too noisy is flagged.
 */
public final class LatencyMeasurement {

    private LatencyMeasurement() {
    }

    /** Measures the forward pass of each configuration with {@code timer}. */
    public static List<Measured> configurations(ForwardTimer timer, List<SparsityConfig> configs, MeasurementPlan plan,
            Consumer<String> progress) {
        return items(configs.size(), i -> timer.passMs(configs.get(i)), plan, progress);
    }

    /**
     * Measures {@code count} items, {@code pass.applyAsDouble(i)} running item {@code i} once and
     * returning its milliseconds.
     *
     * @param progress receives a line per finished round
     */
    public static List<Measured> items(int count, IntToDoubleFunction pass, MeasurementPlan plan,
            Consumer<String> progress) {
        if (count == 0) {
            throw new IllegalArgumentException("nothing to measure");
        }
        List<Integer> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            all.add(i);
            for (int w = 0; w < plan.warmup(); w++) {
                pass.applyAsDouble(i);
            }
        }
        Measured[] best = new Measured[count];
        SplittableRandom order = new SplittableRandom(plan.orderSeed());
        List<Integer> pending = all;
        for (int attempt = 1; attempt <= plan.retries() + 1 && !pending.isEmpty(); attempt++) {
            String label = attempt == 1 ? "" : "re-measuring " + pending.size() + " noisy, attempt " + attempt + ": ";
            LatencySummary[] summaries = roundRobin(pending, pass, plan.runs(), label, progress, order);
            List<Integer> noisy = new ArrayList<>();
            for (int k = 0; k < pending.size(); k++) {
                int item = pending.get(k);
                LatencySummary s = summaries[k];
                boolean tooNoisy = s.noisierThan(plan.maxRelativeSpread());
                if (best[item] == null || s.relativeSpread() < best[item].summary().relativeSpread()) {
                    best[item] = new Measured(s, tooNoisy, attempt);
                } else {
                    best[item] = new Measured(best[item].summary(), best[item].noisy(), attempt);
                }
                if (best[item].noisy()) {
                    noisy.add(item);
                }
            }
            pending = noisy;
        }
        return List.of(best);
    }

    /**
     * Every item once per round, in an order shuffled anew each round (seeded, so a rerun passes in
     * the same order): a disturbance that recurs at the same point of every round (a periodic job,
     * the allocator's trim after the largest pass) spreads over the items instead of always landing
     * on the same one.
     */
    private static LatencySummary[] roundRobin(List<Integer> items, IntToDoubleFunction pass, int runs, String label,
            Consumer<String> progress, SplittableRandom order) {
        double[][] samples = new double[items.size()][runs];
        int[] slots = new int[items.size()];
        for (int k = 0; k < slots.length; k++) {
            slots[k] = k;
        }
        for (int r = 0; r < runs; r++) {
            for (int k = slots.length - 1; k > 0; k--) {
                int j = order.nextInt(k + 1);
                int t = slots[k];
                slots[k] = slots[j];
                slots[j] = t;
            }
            for (int k : slots) {
                samples[k][r] = pass.applyAsDouble(items.get(k));
            }
            progress.accept(label + "round " + (r + 1) + "/" + runs);
        }
        LatencySummary[] out = new LatencySummary[items.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = LatencySummary.of(samples[k]);
        }
        return out;
    }
}
