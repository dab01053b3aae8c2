package org.sparsevit4j.search;

import io.jenetics.IntegerGene;
import io.jenetics.Phenotype;
import io.jenetics.engine.Constraint;
import io.jenetics.util.RandomRegistry;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.sparsevit4j.core.Genome;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.RandomGenomes;
import org.sparsevit4j.core.SparsityCodec;

/**
 * The budget as a Jenetics {@link Constraint}, and the rejection sampling that keeps every
 * candidate within it: a proposal is repaired (each stage sorted, never discarded for that) and
 * drawn again until it meets the budget, so no infeasible candidate ever reaches the evaluator.
 * Every proposal is counted; the feasible rate of draws is what the progress log reports. That the
 * budget can be met at all was checked up front ({@link BudgetCheck}), before any draw.
 *
 * <p>The breeding operator calls {@link #draw} for each child as it breeds it, with a proposal
 * that picks its parents again on every attempt, rather than leaving invalid children to the
 * engine's {@link #repair} after the whole generation: each child's redraws then come from the
 * generator in breeding order, which is the reference's order and what keeps a seed's results
 * unchanged. {@link #repair} is the engine's safety net for an individual that reaches it invalid
 * anyway (none does in a search): it is replaced by a feasible draw from the prior.
 *
 * <p>The number of attempts per accepted draw is capped; past the cap the search stops with an
 * {@link InvalidInputException} that gives the budget and the feasible rate, instead of hanging
 * on a budget that rejection sampling cannot meet in practice.
 */
final class BudgetConstraint implements Constraint<IntegerGene, SearchFitness> {

    private final SparsityCodec codec;
    private final BudgetCheck budget;
    private final int maxAttempts;
    private final Consumer<Draw> repairs;
    private long attempts;
    private long feasible;

    /**
     * @param attempts proposals counted so far (a resumed run continues its count)
     * @param feasible proposals among them that met the budget
     * @param repairs where the draws of {@link #repair} go, so the evaluator learns their costs and origin
     */
    BudgetConstraint(SparsityCodec codec, BudgetCheck budget, int maxAttempts, long attempts, long feasible,
            Consumer<Draw> repairs) {
        this.codec = codec;
        this.budget = budget;
        this.maxAttempts = maxAttempts;
        this.attempts = attempts;
        this.feasible = feasible;
        this.repairs = repairs;
    }

    @Override
    public boolean test(Phenotype<IntegerGene, SearchFitness> individual) {
        Genome genome = GenomeGenotypes.genome(individual.genotype());
        return codec.isRepaired(genome) && budget.costsIfFeasible(genome) != null;
    }

    @Override
    public Phenotype<IntegerGene, SearchFitness> repair(Phenotype<IntegerGene, SearchFitness> individual,
            long generation) {
        Draw draw = drawFromPrior(RandomRegistry.random(), Origin.INITIAL);
        repairs.accept(draw);
        return Phenotype.of(GenomeGenotypes.of(draw.genome()), generation);
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
