package org.sparsevit4j.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sparsevit4j.core.Genome;
import org.sparsevit4j.core.SparsityCodec;
import org.sparsevit4j.core.SplitMix64;

/**
 * The baselines, run after the search under the same budget and sharing its evaluation cache:
 *
 * <ul>
 *   <li>uniform sparsity: every configuration with one ratio everywhere (0 to 0.8); the best of
 *       those that meet the budget is what a user gets without searching. Those over the budget
 *       (the dense model among them) are evaluated too, as reference points for the report: nine
 *       evaluations at most, which show what the budget costs in accuracy;</li>
 *   <li>random search: draws from the same prior with the same rejection sampling until it has
 *       as many unique configurations as the search evaluated (fewer only if the feasible space
 *       runs out: {@code maxDrawAttempts} draws in a row that bring nothing new end it).</li>
 * </ul>
 *
 * <p>Random search has its own {@link SplitMix64} stream (derived from the seed), so it does not
 * depend on how the search used its own. Progress is saved after every batch of
 * {@code population} draws, the unit a resume restarts from.
 */
final class BaselineRunner {

    private final SearchRun run;
    private final SearchState state;

    BaselineRunner(SearchRun run) {
        this.run = run;
        this.state = run.state;
    }

    void run() {
        if (state.uniform == null) {
            run.listener.onPhase("baseline: uniform sparsity 0 to 0.8 (the dense model too, as a reference)");
            List<Draw> draws = new ArrayList<>();
            for (int level = 0; level <= SparsityCodec.MAX_LEVEL; level++) {
                Genome genome = run.codec.uniform(level);
                draws.add(new Draw(genome, run.budget.costs(genome), Origin.UNIFORM));
            }
            state.uniform = new ArrayList<>(run.cache.evaluate(draws, -1, Long.MAX_VALUE).stream()
                    .map(Candidate::index).toList());
            run.save();
        }
        if (!state.randomDone) {
            run.listener.onPhase("baseline: random search with " + state.searchEvaluations + " unique evaluations");
        }
        while (!state.randomDone) {
            randomBatch();
            run.save();
        }
    }

    private void randomBatch() {
        SplitMix64 rng = SplitMix64.ofState(state.randomRngState);
        BudgetConstraint sampler = new BudgetConstraint(run.codec, run.budget, run.settings.maxDrawAttempts(),
                state.randomDrawAttempts, 0, draw -> { });
        Set<Genome> seen = new HashSet<>();
        state.random.forEach(i -> seen.add(run.cache.get(i).genome()));
        int wanted = Math.min(run.settings.population(), state.searchEvaluations - state.random.size());
        List<Draw> batch = new ArrayList<>(Math.max(wanted, 0));
        boolean exhausted = false;
        int nothingNew = 0;
        while (batch.size() < wanted && !exhausted) {
            Draw draw = sampler.drawFromPrior(rng, Origin.RANDOM);
            if (seen.add(draw.genome())) {
                batch.add(draw);
                nothingNew = 0;
            } else {
                exhausted = ++nothingNew >= run.settings.maxDrawAttempts();
            }
        }
        run.cache.evaluate(batch, -1, Long.MAX_VALUE).forEach(c -> state.random.add(c.index()));
        state.randomRngState = rng.state();
        state.randomDrawAttempts = sampler.attempts();
        state.randomDone = exhausted || state.random.size() >= state.searchEvaluations;
    }

    /** The baselines' outcome, from the state. */
    static BaselineResult result(SearchRun run) {
        SearchState s = run.state;
        List<Candidate> uniform = run.candidates(s.uniform == null ? List.of() : s.uniform);
        List<Candidate> random = run.candidates(s.random);
        List<Candidate> randomFront = ParetoArchive.frontOf(random, run.settings.costObjective());
        return new BaselineResult(uniform, uniform.stream().filter(c -> run.budget.isMetBy(c.costs()))
                .min(run.bestFirst).orElse(null), random.size(),
                random.stream().min(run.bestFirst).orElse(null), randomFront, run.hypervolume(randomFront),
                s.randomDrawAttempts);
    }
}
