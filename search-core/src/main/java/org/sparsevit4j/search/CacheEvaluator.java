package org.sparsevit4j.search;

import io.jenetics.IntegerGene;
import io.jenetics.Phenotype;
import io.jenetics.engine.Evaluator;
import io.jenetics.util.ISeq;
import io.jenetics.util.MSeq;
import io.jenetics.util.Seq;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.sparsevit4j.core.Genome;

/**
 * The search's Jenetics {@link Evaluator}: the whole generation's new phenotypes at once, through
 * the {@link EvaluationCache}, so a configuration drawn again is never evaluated twice and every new
 * one gets the next index in the order the generation lists it. This is the seam where evaluation
 * on several devices or machines plugs in: it sees every pending configuration of a generation.
 *
 * <p>Past the cap on evaluations a phenotype gets {@link SearchFitness#notEvaluated()}, and the
 * search, which stops at the cap, drops it from the population.
 */
final class CacheEvaluator implements Evaluator<IntegerGene, SearchFitness> {

    private final EvaluationCache cache;
    private final CostObjective objective;
    private final LongSupplier remaining;
    /** Costs and origin of the phenotypes bred since the last evaluation; the first draw of a genome wins. */
    private final Map<Genome, Draw> pending = new HashMap<>();

    /** @param remaining how many new configurations may still be evaluated */
    CacheEvaluator(EvaluationCache cache, CostObjective objective, LongSupplier remaining) {
        this.cache = cache;
        this.objective = objective;
        this.remaining = remaining;
    }

    /** Records a bred or drawn phenotype's draw, before the engine asks for its fitness. */
    void offer(Draw draw) {
        pending.putIfAbsent(draw.genome(), draw);
    }

    @Override
    public ISeq<Phenotype<IntegerGene, SearchFitness>> eval(Seq<Phenotype<IntegerGene, SearchFitness>> population) {
        List<Integer> open = new ArrayList<>();
        List<Draw> draws = new ArrayList<>();
        for (int i = 0; i < population.size(); i++) {
            Phenotype<IntegerGene, SearchFitness> p = population.get(i);
            if (p.nonEvaluated()) {
                Draw draw = pending.get(GenomeGenotypes.genome(p.genotype()));
                if (draw == null) {
                    throw new IllegalStateException("phenotype " + p.genotype() + " reached the evaluator without"
                            + " having been drawn");
                }
                open.add(i);
                draws.add(draw);
            }
        }
        if (open.isEmpty()) {
            return ISeq.of(population);
        }
        int generation = (int) population.get(open.get(0)).generation();
        List<Candidate> evaluated = cache.evaluate(draws, generation, remaining.getAsLong());
        MSeq<Phenotype<IntegerGene, SearchFitness>> out = MSeq.of(population);
        for (int j = 0; j < open.size(); j++) {
            SearchFitness fitness = j < evaluated.size() ? SearchFitness.of(evaluated.get(j), objective)
                    : SearchFitness.notEvaluated();
            out.set(open.get(j), population.get(open.get(j)).withFitness(fitness));
        }
        pending.clear();
        return out.toISeq();
    }
}
