package org.sparsevit4j.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.Genome;
import org.sparsevit4j.core.GeneLayout;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.core.SparsityCodec;

/**
 * The search finds the exact optimum of {@link SyntheticFitness} under a MAC budget, found here
 * by enumerating every configuration of Swin-T at 672x672 and pair granularity (9^6 gene vectors,
 * 120,285 distinct configurations), and beats random search given the same number of unique
 * evaluations, for several seeds.
 */
class KnownOptimumTest {

    private static final ArchitectureSpec SWIN_T = ArchitectureSpec.preset("swin_t");

    @TempDir
    Path tmp;

    /**
     * Budgets where the paper's scheme is reliable. At 0.6x this fitness has a trap: the runner-up
     * (0.0001 below the optimum) is left only by changing two genes at once, which the
     * search, without diversity preservation, does in about half of the seeds within 40
     * generations (7 of 8 within 100); see the closing note of issue 4.
     */
    @ParameterizedTest
    @ValueSource(strings = {"0.5x", "0.7x"})
    void findsTheEnumeratedOptimumAndBeatsRandomSearch(String maxMacs) {
        MacLimit limit = MacLimit.parse(maxMacs);
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

        StringBuilder log = new StringBuilder();
        for (long seed = 1; seed <= 5; seed++) {
            SearchSettings settings = SearchSettings.builder(SWIN_T, 672, 672)
                    .budget(SearchBudget.ofMacs(limit)).generations(40).seed(seed).build();
            SearchResult r = EvolutionarySearch.run(settings, fitness, null, tmp.resolve(maxMacs + "-seed" + seed), null);
            BaselineResult b = r.baselines();
            log.append(String.format("seed %d: search %.6f (%d evals), random %.6f (%d evals), uniform %.6f, optimum %.6f%n",
                    seed, r.best().metric(), r.uniqueEvaluations(), b.bestRandom().metric(), b.randomEvaluations(),
                    b.bestUniform().metric(), optimumMetric));
            assertEquals(optimum, r.best().config(), "seed " + seed + " missed the optimum\n" + log);
            assertEquals(r.uniqueEvaluations(), b.randomEvaluations());
            assertTrue(r.best().metric() > b.bestRandom().metric(), "random search matched the search\n" + log);
        }
    }
}
