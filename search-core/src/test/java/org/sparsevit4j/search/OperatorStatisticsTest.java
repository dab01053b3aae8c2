package org.sparsevit4j.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.Genome;
import org.sparsevit4j.core.GeneLayout;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.core.SparsityCodec;
import org.sparsevit4j.core.SplitMix64;

/**
 * Seeded statistical tests of the search's random operators. Each threshold is the quantile at
 * which a correct operator fails with the probability written beside it (for a random seed; with
 * the fixed seeds here each test is deterministic). Thresholds from scipy:
 * {@code norm.isf(0.5e-6) = 4.89}, {@code chi2.isf(1e-5, df)}: df 3 25.90, df 7 35.26, df 8 37.33,
 * df 9 39.34, df 12 45.08.
 */
class OperatorStatisticsTest {

    private static final ArchitectureSpec SWIN_T = ArchitectureSpec.preset("swin_t");
    /** Two-sided normal bound; a correct binomial count exceeds it with probability 1e-6. */
    private static final double Z_1E6 = 4.89;
    private static final int CHILDREN = 20_000;
    private static final int GENES = 12;

    @Test
    void mutationResamplesEachGeneIndependentlyWithProbabilityPointOne() {
        ResampleMutation mutation = new ResampleMutation(0.1);
        SplitMix64 rng = SplitMix64.seeded(1);
        Genome parent = Genome.of(4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4);
        long[] changedAt = new long[GENES];
        long[] newValue = new long[SparsityCodec.ALLELES];
        long[] changedPerChild = new long[GENES + 1];
        for (int i = 0; i < CHILDREN; i++) {
            int[] child = mutation.mutate(parent, rng);
            int changed = 0;
            for (int g = 0; g < GENES; g++) {
                if (child[g] != 4) {
                    changedAt[g]++;
                    newValue[child[g]]++;
                    changed++;
                }
            }
            changedPerChild[changed]++;
        }
        // A resampled gene keeps its level with probability 1/9, so it visibly changes with 0.1 * 8/9.
        double p = 0.1 * 8 / 9;
        long trials = (long) CHILDREN * GENES;
        long changed = Arrays.stream(changedAt).sum();
        double z = (changed - trials * p) / Math.sqrt(trials * p * (1 - p));
        assertTrue(Math.abs(z) < Z_1E6, "changed " + changed + " of " + trials + ", z = " + z + " (false failure 1e-6)");

        double[] perPosition = new double[GENES];
        Arrays.fill(perPosition, CHILDREN * p);
        assertChiSquareBelow(changedAt, perPosition, 45.08, "changes per position (df 12, false failure 1e-5)");

        double[] uniformOthers = new double[SparsityCodec.ALLELES];
        Arrays.fill(uniformOthers, changed / 8.0);
        uniformOthers[4] = 0;
        assertEquals(0, newValue[4]);
        assertChiSquareBelow(newValue, uniformOthers, 35.26, "new levels over the other 8 (df 7, false failure 1e-5)");

        // Independence across genes: the number of changed genes per child is Binomial(12, p).
        // Bins 0, 1, 2, >=3 -> df 3. Jenetics' Mutator (p^(1/3) per genotype, chromosome, gene) fails this.
        long[] observed = {changedPerChild[0], changedPerChild[1], changedPerChild[2],
                Arrays.stream(changedPerChild, 3, GENES + 1).sum()};
        double[] expected = new double[4];
        for (int k = 0; k <= GENES; k++) {
            expected[Math.min(k, 3)] += CHILDREN * binomial(GENES, k, p);
        }
        assertChiSquareBelow(observed, expected, 25.90, "changed genes per child (df 3, false failure 1e-5)");
    }

    @Test
    void crossoverTakesEachGeneFromEitherParentWithProbabilityOneHalf() {
        SplitMix64 rng = SplitMix64.seeded(2);
        Genome first = Genome.of(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        Genome second = Genome.of(7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7);
        long[] fromFirstAt = new long[GENES];
        long[] fromFirstPerChild = new long[GENES + 1];
        for (int i = 0; i < CHILDREN; i++) {
            int[] child = UniformGeneCrossover.cross(first, second, rng);
            int fromFirst = 0;
            for (int g = 0; g < GENES; g++) {
                assertTrue(child[g] == 1 || child[g] == 7);
                if (child[g] == 1) {
                    fromFirstAt[g]++;
                    fromFirst++;
                }
            }
            fromFirstPerChild[fromFirst]++;
        }
        long trials = (long) CHILDREN * GENES;
        long fromFirst = Arrays.stream(fromFirstAt).sum();
        double z = (fromFirst - trials * 0.5) / Math.sqrt(trials * 0.25);
        assertTrue(Math.abs(z) < Z_1E6, "from the first parent " + fromFirst + " of " + trials + ", z = " + z
                + " (false failure 1e-6)");
        double[] half = new double[GENES];
        Arrays.fill(half, CHILDREN * 0.5);
        assertChiSquareBelow(fromFirstAt, half, 45.08, "first-parent genes per position (df 12, false failure 1e-5)");
        // Independence: genes from the first parent per child is Binomial(12, 1/2); bins <=2, 3..9, >=10 -> df 8.
        long[] observed = new long[9];
        double[] expected = new double[9];
        for (int k = 0; k <= GENES; k++) {
            int bin = Math.max(0, Math.min(8, k - 2));
            observed[bin] += fromFirstPerChild[k];
            expected[bin] += CHILDREN * binomial(GENES, k, 0.5);
        }
        assertChiSquareBelow(observed, expected, 37.33, "first-parent genes per child (df 8, false failure 1e-5)");
    }

    /**
     * Rejection sampling must draw from the prior restricted to the budget, not pile up near the
     * budget edge. Swin-T at pair granularity has 9^6 raw gene vectors, few enough to enumerate:
     * the exact cost distribution of a feasible draw is compared (chi-square over 10 cost bins of
     * about equal probability, df 9) with 20,000 rejection-sampled draws, and the number of
     * distinct configurations drawn with its exact expectation.
     */
    @Test
    void initialDrawsFollowThePriorOverTheFeasibleSpace() {
        SparsityCodec codec = new SparsityCodec(new GeneLayout(SWIN_T, Granularity.PAIR));
        MacCostTable macs = new MacCostTable(codec.layout(), 672, 672);
        BudgetCheck budget = BudgetCheck.resolve(SearchBudget.ofMacs(MacLimit.parse("0.6x")), codec, macs, null);
        int genes = codec.layout().size();
        Map<Genome, Long> prior = new HashMap<>();
        int[] raw = new int[genes];
        long total = (long) Math.pow(SparsityCodec.ALLELES, genes);
        for (long code = 0; code < total; code++) {
            long c = code;
            for (int g = 0; g < genes; g++) {
                raw[g] = (int) (c % SparsityCodec.ALLELES);
                c /= SparsityCodec.ALLELES;
            }
            Genome genome = Genome.of(codec.repair(raw.clone()));
            if (budget.costsIfFeasible(genome) != null) {
                prior.merge(genome, 1L, Long::sum);
            }
        }
        long feasibleRaw = prior.values().stream().mapToLong(Long::longValue).sum();
        // Exact cost distribution of a feasible draw, and cost bins of about 10% each.
        TreeMap<Long, Double> costMass = new TreeMap<>();
        prior.forEach((genome, count) -> costMass.merge(macs.macs(genome), (double) count / feasibleRaw, Double::sum));
        long[] upper = new long[10];
        double[] binMass = new double[10];
        double cumulative = 0;
        int bin = 0;
        for (Map.Entry<Long, Double> e : costMass.entrySet()) {
            cumulative += e.getValue();
            binMass[bin] += e.getValue();
            upper[bin] = e.getKey();
            if (cumulative >= (bin + 1) / 10.0 && bin < 9) {
                bin++;
            }
        }
        upper[9] = Long.MAX_VALUE;

        int draws = 20_000;
        BudgetConstraint sampler = new BudgetConstraint(codec, budget, 100_000, 0, 0, d -> { });
        SplitMix64 rng = SplitMix64.seeded(3);
        long[] observed = new long[10];
        Set<Genome> distinct = new HashSet<>();
        for (int i = 0; i < draws; i++) {
            Draw draw = sampler.drawFromPrior(rng, Origin.INITIAL);
            distinct.add(draw.genome());
            long cost = draw.costs().macs();
            int b = 0;
            while (cost > upper[b]) {
                b++;
            }
            observed[b]++;
        }
        double[] expected = Arrays.stream(binMass).map(m -> m * draws).toArray();
        assertChiSquareBelow(observed, expected, 39.34, "cost deciles of feasible draws (df 9, false failure 1e-5)");

        double feasibleRate = (double) feasibleRaw / total;
        double rateZ = (sampler.feasible() - sampler.attempts() * feasibleRate)
                / Math.sqrt(sampler.attempts() * feasibleRate * (1 - feasibleRate));
        assertTrue(Math.abs(rateZ) < Z_1E6, "feasible rate " + (double) sampler.feasible() / sampler.attempts()
                + " vs exact " + feasibleRate + " (false failure 1e-6)");

        // Coverage: E[distinct] = sum over configs of 1 - (1 - p)^n; the variance bound drops the
        // (negative) covariances, so the test is conservative: false failure below 1e-6.
        double mean = 0;
        double variance = 0;
        for (long count : prior.values()) {
            double missed = Math.pow(1 - (double) count / feasibleRaw, draws);
            mean += 1 - missed;
            variance += missed * (1 - missed);
        }
        double z = (distinct.size() - mean) / Math.sqrt(variance);
        assertTrue(Math.abs(z) < Z_1E6, "distinct configurations " + distinct.size() + " vs expected " + mean);
    }

    @Test
    void splitMixIsUniformAndResumable() {
        SplitMix64 rng = SplitMix64.seeded(4);
        long[] counts = new long[9];
        for (int i = 0; i < 90_000; i++) {
            counts[rng.nextInt(9)]++;
        }
        double[] expected = new double[9];
        Arrays.fill(expected, 10_000);
        assertChiSquareBelow(counts, expected, 37.33, "nextInt(9) (df 8, false failure 1e-5)");
        SplitMix64 copy = SplitMix64.ofState(rng.state());
        for (int i = 0; i < 100; i++) {
            assertEquals(rng.nextLong(), copy.nextLong());
        }
        assertEquals(SplitMix64.seeded(5).nextDouble(), SplitMix64.seeded(5).nextDouble());
    }

    private static void assertChiSquareBelow(long[] observed, double[] expected, double threshold, String what) {
        double chi2 = 0;
        for (int i = 0; i < observed.length; i++) {
            if (expected[i] > 0) {
                double d = observed[i] - expected[i];
                chi2 += d * d / expected[i];
            }
        }
        assertTrue(chi2 < threshold, what + ": chi-square " + chi2 + " >= " + threshold
                + "; observed " + Arrays.toString(observed) + ", expected " + Arrays.toString(expected));
    }

    private static double binomial(int n, int k, double p) {
        double c = 1;
        for (int i = 0; i < k; i++) {
            c = c * (n - i) / (i + 1);
        }
        return c * Math.pow(p, k) * Math.pow(1 - p, n - k);
    }
}
