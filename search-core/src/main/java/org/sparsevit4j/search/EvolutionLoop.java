package org.sparsevit4j.search;

import io.jenetics.IntegerGene;
import io.jenetics.Optimize;
import io.jenetics.Phenotype;
import io.jenetics.engine.Engine;
import io.jenetics.engine.EvolutionResult;
import io.jenetics.engine.EvolutionStart;
import io.jenetics.engine.EvolutionStream;
import io.jenetics.util.ISeq;
import io.jenetics.util.RandomRegistry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.sparsevit4j.core.SplitMix64;

/**
 * The paper's evolutionary search on Jenetics' {@link Engine}. Each generation the engine selects
 * the parents (the top {@code parents} distinct candidates, {@link ParentSelector}), breeds exactly
 * {@code mutants} mutants and {@code crossovers} crossovers from them
 * ({@link MutationCrossoverAlterer}, every child drawn until it meets the budget through the
 * {@link BudgetConstraint}), keeps the survivors ({@link SurvivorSelector}: the best
 * {@code elites}, or in Pareto mode the NSGA-II best of parents and children) and evaluates the
 * new phenotypes of the generation at once ({@link CacheEvaluator}).
 *
 * <p>The initial population is drawn and evaluated here, outside the engine, because Jenetics fills
 * a start population from its genotype factory without the budget's rejection sampling, and the
 * search reports and saves generation 0 before any breeding. Phenotypes never age out (the
 * reference keeps its elites as long as they are best).
 *
 * <p>All random choices come from one {@link SplitMix64}, put in {@link RandomRegistry}'s scope on
 * the search's thread for each generation, and the engine runs its steps on that thread; the
 * generator's state is saved after every generation with the population, and a resume continues
 * from an {@link EvolutionStart} of both, so a resumed run gives the same bytes.
 */
final class EvolutionLoop {

    private final SearchRun run;
    private final SearchState state;
    private final SearchSettings settings;
    private final ParetoArchive archive;
    private final SplitMix64 random;
    private final BudgetConstraint constraint;
    private final CacheEvaluator evaluator;
    private final Engine<IntegerGene, SearchFitness> engine;

    EvolutionLoop(SearchRun run) {
        this.run = run;
        this.state = run.state;
        this.settings = run.settings;
        this.archive = new ParetoArchive(settings.costObjective());
        for (int i = 0; i < state.searchEvaluations; i++) {
            archive.add(run.cache.get(i));
        }
        this.random = SplitMix64.ofState(state.rngState);
        this.evaluator = new CacheEvaluator(run.cache, settings.costObjective(), this::remainingEvaluations);
        this.constraint = new BudgetConstraint(run.codec, run.budget, settings.maxDrawAttempts(), state.drawAttempts,
                state.feasibleDraws, evaluator::offer);
        this.engine = engine();
    }

    private Engine<IntegerGene, SearchFitness> engine() {
        int children = settings.childrenPerGeneration();
        boolean pareto = settings.pareto();
        CandidateRanking ranking = new CandidateRanking(pareto);
        SurvivorSelector survivors = new SurvivorSelector(ranking, pareto, () -> state.generation == 0);
        int survivorCount = pareto ? settings.population() : settings.elites();
        return new Engine.Builder<>(evaluator, GenomeGenotypes.factory(run.codec.layout().size()))
                .optimize(Optimize.MAXIMUM)
                .populationSize(survivorCount + children)
                .offspringSize(children)
                .survivorsSelector(survivors)
                .offspringSelector(new ParentSelector(ranking, survivors, settings.parents(), settings.population(),
                        pareto))
                .alterers(new MutationCrossoverAlterer(settings.mutants(), settings.crossovers(),
                        settings.mutationProbability(), constraint, evaluator::offer))
                .constraint(constraint)
                .maximalPhenotypeAge(Long.MAX_VALUE)
                .executor(Runnable::run)
                .build();
    }

    /** Runs generations until the planned number or the evaluation cap is reached. */
    void run() {
        if (state.generation < 0) {
            ISeq<Phenotype<IntegerGene, SearchFitness>> initial = RandomRegistry.with(random, r -> {
                List<Phenotype<IntegerGene, SearchFitness>> drawn = new ArrayList<>(settings.population());
                for (int i = 0; i < settings.population(); i++) {
                    Draw draw = constraint.drawFromPrior(r, Origin.INITIAL);
                    evaluator.offer(draw);
                    drawn.add(Phenotype.of(GenomeGenotypes.of(draw.genome()), 0));
                }
                return engine.eval(ISeq.of(drawn));
            });
            record(initial, 0);
        }
        EvolutionStart<IntegerGene, SearchFitness> start = EvolutionStart.of(population(), state.generation + 1);
        Iterator<EvolutionResult<IntegerGene, SearchFitness>> generations =
                EvolutionStream.ofEvolution(() -> start, engine).iterator();
        while (!finished()) {
            EvolutionResult<IntegerGene, SearchFitness> result = RandomRegistry.with(random, r -> generations.next());
            record(result.population(), (int) result.generation());
        }
    }

    /** The Pareto front of the search's evaluations so far, cheapest first. */
    List<Candidate> front() {
        return archive.front();
    }

    private boolean finished() {
        return state.generation >= settings.generations() || remainingEvaluations() <= 0;
    }

    private long remainingEvaluations() {
        return settings.maxEvaluations() == 0 ? Long.MAX_VALUE : settings.maxEvaluations() - state.searchEvaluations;
    }

    /** The saved population as the engine holds it: phenotypes with their fitness. */
    private ISeq<Phenotype<IntegerGene, SearchFitness>> population() {
        return state.population.stream().map(run.cache::get)
                .map(c -> Phenotype.of(GenomeGenotypes.of(c.genome()), Math.max(0, c.generation()),
                        SearchFitness.of(c, settings.costObjective())))
                .collect(ISeq.toISeq());
    }

    private void record(ISeq<Phenotype<IntegerGene, SearchFitness>> population, int generation) {
        int before = state.searchEvaluations;
        for (int i = before; i < run.cache.size(); i++) {
            Candidate c = run.cache.get(i);
            archive.add(c);
            if (state.bestIndex < 0 || run.bestFirst.compare(c, run.cache.get(state.bestIndex)) < 0) {
                state.bestIndex = c.index();
            }
        }
        // phenotypes past the evaluation cap end the search and are no candidates
        state.population = new ArrayList<>(population.stream().map(p -> p.fitness().index()).filter(i -> i >= 0)
                .toList());
        long attempts = constraint.attempts() - state.drawAttempts;
        long feasible = constraint.feasible() - state.feasibleDraws;
        state.drawAttempts = constraint.attempts();
        state.feasibleDraws = constraint.feasible();
        state.searchEvaluations = run.cache.size();
        state.rngState = random.state();
        state.generation = generation;
        List<Candidate> front = archive.front();
        Candidate best = run.cache.get(state.bestIndex);
        GenerationReport report = new GenerationReport(generation, settings.generations(), best.metric(), best.costs(),
                attempts == 0 ? 0 : (double) feasible / attempts, attempts, state.searchEvaluations,
                run.hypervolume(front), front.size());
        state.history.add(report);
        run.save();
        run.listener.onGeneration(report);
    }
}
