package org.sparsevit4j.search;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.Granularity;

/**
 * Engine overhead (everything but the fitness: breeding, rejection sampling, MAC pricing, cache,
 * selection, hypervolume, the state file written and synced after every generation, the result
 * files) per candidate, and the wall time of a 10,000-candidate search with a cheap synthetic
 * fitness under a MAC budget. Targets: at most 1 ms per candidate, under 10 s.
 *
 * <p>Left out of the default test run; run it with
 * {@code mvn -B -pl search-core -am test -Dtest=SearchBenchmark -Dsparsevit.excludedGroups=none
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 * A "candidate" is a configuration the search proposes and scores (initial draws plus every
 * child; duplicates are scored from the cache); unique evaluations are reported beside it.
 */
@Tag("benchmark")
class SearchBenchmark {

    private static final ArchitectureSpec SWIN_T = ArchitectureSpec.preset("swin_t");

    @TempDir
    Path tmp;

    /** The synthetic fitness, timing itself so that its time can be taken out of the engine's. */
    private static final class TimedFitness implements ConfigEvaluator {
        private final SyntheticFitness fitness = new SyntheticFitness();
        final AtomicLong nanos = new AtomicLong();

        @Override
        public double evaluate(SparsityConfig config) {
            long start = System.nanoTime();
            double metric = fitness.evaluate(config);
            nanos.addAndGet(System.nanoTime() - start);
            return metric;
        }
    }

    @Test
    void engineOverheadAndTenThousandCandidates() {
        SearchSettings base = SearchSettings.builder(SWIN_T, 672, 672)
                .budget(SearchBudget.ofMacs(MacLimit.parse("0.6x"))).seed(1).build();
        measure("warm-up", base.toBuilder().generations(30).build(), 0);

        // 100 initial draws + 99 generations x 100 children = 10,000 candidates.
        double pair = measure("pair, 10,000 candidates, no baselines", base.toBuilder().generations(99).baselines(false).build(), 10_000);
        measure("pair, 10,000 candidates, with baselines", base.toBuilder().generations(99).build(), 10_000);
        measure("pair, Pareto (NSGA-II), 10,000 candidates", base.toBuilder().generations(99).pareto(true).baselines(false).build(), 10_000);
        double block = measure("block, 10,000 unique evaluations", base.toBuilder().granularity(Granularity.BLOCK)
                .generations(10_000).maxEvaluations(10_000).baselines(false).build(), 0);
        assertTrue(pair < 10, "10,000 candidates took " + pair + " s");
        assertTrue(block < 10, "10,000 unique evaluations took " + block + " s");
    }

    /** Runs one search; prints its numbers; returns its wall time in seconds. */
    private double measure(String name, SearchSettings settings, int expectedCandidates) {
        TimedFitness fitness = new TimedFitness();
        long start = System.nanoTime();
        SearchResult r = EvolutionarySearch.run(settings, fitness, null, tmp.resolve(name.replaceAll("\\W+", "-")), null);
        double seconds = (System.nanoTime() - start) / 1e9;
        long candidates = settings.population() + (long) r.generations() * settings.childrenPerGeneration();
        if (expectedCandidates > 0) {
            assertTrue(candidates == expectedCandidates, name + ": " + candidates + " candidates");
        }
        double engine = seconds - fitness.nanos.get() / 1e9;
        double perCandidate = 1000 * engine / candidates;
        double perUnique = 1000 * engine / r.totalEvaluations();
        System.out.printf(Locale.ROOT, "%-45s %6.2f s  generations %4d  candidates %6d  unique %6d (all %6d)"
                + "  engine %.3f ms/candidate, %.3f ms/unique evaluation  feasible %.1f%%%n",
                name, seconds, r.generations(), candidates, r.uniqueEvaluations(), r.totalEvaluations(),
                perCandidate, perUnique, 100 * r.feasibleRate());
        assertTrue(perCandidate <= 1.0, name + ": " + perCandidate + " ms per candidate");
        return seconds;
    }
}
