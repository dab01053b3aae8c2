package org.sparsevit4j.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.GeneLayout;
import org.sparsevit4j.core.Genome;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.core.SparsityCodec;
import org.sparsevit4j.core.SparsityConfig;

/**
 * The search against the exact optimum of {@link SyntheticFitness} under a MAC budget, found here
 * by enumerating every configuration of Swin-T at 672x672 and pair granularity (9^6 gene vectors,
 * 120,285 distinct configurations), and against random search given the same number of unique
 * evaluations.
 */
class KnownOptimumTest {

    private static final ArchitectureSpec SWIN_T = ArchitectureSpec.preset("swin_t");

    @TempDir
    Path tmp;

    /** The best configuration within a budget and its metric, by enumeration. */
    private record Optimum(SparsityConfig config, double metric) {
    }

    private static Optimum enumerate(MacLimit limit) {
        SparsityCodec codec = new SparsityCodec(new GeneLayout(SWIN_T, Granularity.PAIR));
        MacCostTable macs = new MacCostTable(codec.layout(), 672, 672);
        BudgetCheck budget = BudgetCheck.resolve(SearchBudget.ofMacs(limit), codec, macs, null);
        SyntheticFitness fitness = new SyntheticFitness();
        SparsityConfig optimum = null;
        double optimumMetric = Double.NEGATIVE_INFINITY;
        Set<Genome> distinct = new HashSet<>();
        int genes = codec.layout().size();
        int[] raw = new int[genes];
        for (long code = 0; code < Math.pow(SparsityCodec.ALLELES, genes); code++) {
            long c = code;
            for (int g = 0; g < genes; g++) {
                raw[g] = (int) (c % SparsityCodec.ALLELES);
                c /= SparsityCodec.ALLELES;
            }
            Genome genome = Genome.of(codec.repair(raw.clone()));
            if (distinct.add(genome) && budget.costsIfFeasible(genome) != null) {
                double metric = fitness.evaluate(codec.decode(genome));
                if (metric > optimumMetric) {
                    optimumMetric = metric;
                    optimum = codec.decode(genome);
                }
            }
        }
        assertEquals(120_285, distinct.size());
        return new Optimum(optimum, optimumMetric);
    }

    private SearchResult search(MacLimit limit, int generations, long seed) {
        SearchSettings settings = SearchSettings.builder(SWIN_T, 672, 672)
                .budget(SearchBudget.ofMacs(limit)).generations(generations).seed(seed).build();
        return EvolutionarySearch.run(settings, new SyntheticFitness(), null,
                tmp.resolve(limit + "-" + generations + "-seed" + seed), null);
    }

    /** Budgets where the paper's scheme is reliable, given 40 generations: every seed finds the optimum. */
    @ParameterizedTest
    @ValueSource(strings = {"0.5x", "0.7x"})
    void findsTheEnumeratedOptimumAndBeatsRandomSearch(String maxMacs) {
        MacLimit limit = MacLimit.parse(maxMacs);
        Optimum optimum = enumerate(limit);
        StringBuilder log = new StringBuilder();
        for (long seed = 1; seed <= 5; seed++) {
            SearchResult r = search(limit, 40, seed);
            BaselineResult b = r.baselines();
            log.append(String.format("seed %d: search %.6f (%d evals), random %.6f (%d evals), uniform %.6f, optimum %.6f%n",
                    seed, r.best().metric(), r.uniqueEvaluations(), b.bestRandom().metric(), b.randomEvaluations(),
                    b.bestUniform().metric(), optimum.metric()));
            assertEquals(optimum.config(), r.best().config(), "seed " + seed + " missed the optimum\n" + log);
            assertEquals(r.uniqueEvaluations(), b.randomEvaluations());
            assertTrue(r.best().metric() > b.bestRandom().metric(), "random search matched the search\n" + log);
        }
    }

    /**
     * The README's default budget, 0.6x, at the default 20 generations, over seeds 1 to 30: how
     * often the search finds the optimum, reported as it is.
     *
     * <p>It finds it in 6 of the 30 seeds (and in 9 of seeds 1 to 50; with 40 generations in 10 of
     * 30, with 100 in 21 of 30; measured 2026-11-30). This fitness has a trap at 0.6x: the runner-up,
     * 9.8e-5 below the optimum, differs from it in two genes (stage 2's last pair one level sparser,
     * stage 3's pair one level denser). Each change alone is over the budget or 0.019 worse, so no
     * parent among the top 25 ever holds the way between them, and a mutant makes both changes at
     * once with probability (0.1 · 1/9)^2, about 1e-4. Most misses stop at that runner-up; the
     * others at a local optimum up to 0.008 below. Raising the mutation probability to 0.2 or 0.3
     * gives 14 or 19 of 50, keeping 25 elites instead of 1 the same 9: the paper's scheme has no
     * diversity preservation that would walk through such a valley, so this is the scheme's limit
     * at 20 generations, not a fault of this code.
     *
     * <p>What it holds the search to: every seed ends within 0.01 of the optimum (0.008 at worst
     * in 50 seeds), above random search with as many evaluations and above the best uniform
     * configuration; and at least 2 of the 30 seeds hit. Taking the hits as binomial with the
     * measured rate (9/50), a change of the random stream alone fails that floor with probability
     * about 0.02.
     */
    @Test
    void atTheDefaultBudgetAndGenerationsTheHitRateIsWhatItIs() {
        MacLimit limit = MacLimit.parse("0.6x");
        Optimum optimum = enumerate(limit);
        int seeds = 30;
        int hits = 0;
        StringBuilder log = new StringBuilder();
        for (long seed = 1; seed <= seeds; seed++) {
            SearchResult r = search(limit, SearchSettings.DEFAULT_GENERATIONS, seed);
            BaselineResult b = r.baselines();
            boolean hit = optimum.config().equals(r.best().config());
            hits += hit ? 1 : 0;
            log.append(String.format(Locale.ROOT, "seed %d: %s %.6f (%.6f below the optimum), random %.6f, uniform "
                    + "%.6f%n", seed, hit ? "hit" : "missed", r.best().metric(), optimum.metric() - r.best().metric(),
                    b.bestRandom().metric(), b.bestUniform().metric()));
            assertTrue(optimum.metric() - r.best().metric() <= 0.01, "far from the optimum\n" + log);
            assertTrue(r.best().metric() > b.bestRandom().metric(), "random search matched the search\n" + log);
            assertTrue(r.best().metric() > b.bestUniform().metric(), "uniform sparsity matched the search\n" + log);
        }
        System.out.printf(Locale.ROOT, "0.6x, %d generations: the optimum in %d of %d seeds%n%s",
                SearchSettings.DEFAULT_GENERATIONS, hits, seeds, log);
        assertTrue(hits >= 2, hits + " of " + seeds + " seeds found the optimum\n" + log);
    }
}
