package org.sparsevit4j.search;

import java.util.Locale;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.Genome;
import org.sparsevit4j.core.SparsityCodec;
import org.sparsevit4j.core.RandomGenomes;

/**
 * Draws proposals again until one meets the budget, so that no infeasible candidate ever reaches
 * the evaluator. Every proposal is repaired first (never discarded for decreasing within a stage)
 * and counted; the feasible rate of draws is what the progress log reports.
 *
 * <p>The number of attempts per accepted draw is capped; past the cap the search stops with an
 * {@link InvalidInputException} that gives the budget and the feasible rate, instead of hanging
 * on a budget that rejection sampling cannot meet in practice.
 */
final class RejectionSampler {

    private final SparsityCodec codec;
    private final BudgetCheck budget;
    private final int maxAttempts;
    private long attempts;
    private long feasible;

    RejectionSampler(SparsityCodec codec, BudgetCheck budget, int maxAttempts, long attempts, long feasible) {
        this.codec = codec;
        this.budget = budget;
        this.maxAttempts = maxAttempts;
        this.attempts = attempts;
        this.feasible = feasible;
    }

    /** A draw from the prior: every gene uniform over 0..8, each stage sorted. */
    Draw drawFromPrior(RandomGenerator rng, Origin origin) {
        return draw(r -> RandomGenomes.rawGenes(codec.layout().size(), r), rng, origin);
    }

    /** The first repaired proposal of {@code proposer} that meets the budget. */
    Draw draw(Function<RandomGenerator, int[]> proposer, RandomGenerator rng, Origin origin) {
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            attempts++;
            Genome genome = codec.repaired(proposer.apply(rng));
            CandidateCosts costs = budget.costsIfFeasible(genome);
            if (costs != null) {
                feasible++;
                return new Draw(genome, costs, origin);
            }
        }
        throw new InvalidInputException("budget " + budget.budget() + ": no " + origin.id()
                + " configuration met it in " + maxAttempts + " draws (feasible rate so far "
                + String.format(Locale.ROOT, "%.4f%%", 100.0 * feasible / attempts)
                + "); loosen the budget or raise the max draw attempts");
    }

    /** Proposals drawn so far, feasible or not. */
    long attempts() {
        return attempts;
    }

    /** Proposals that met the budget. */
    long feasible() {
        return feasible;
    }
}
