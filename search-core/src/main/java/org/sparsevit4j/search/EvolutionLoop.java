package org.sparsevit4j.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparsevit4j.core.SplitMix64;

/**
 * The generation loop of the paper's evolutionary search, driven here rather than by Jenetics'
 * {@code Engine}, whose selectors and alterers do not express its exact scheme: parents are the
 * top {@code parents} distinct candidates; each generation breeds exactly {@code mutants} mutants
 * of one parent and {@code crossovers} uniform crossovers of two distinct parents, every child
 * drawn again (parents included) until it meets the budget; the best {@code elites} candidates
 * survive into the next generation. In Pareto mode, parents and survivors are chosen by NSGA-II
 * order instead (Jenetics' {@code NSGA2Selector}; survival from parents plus children, so elitist).
 *
 * <p>All random choices come from one {@link SplitMix64} in the state, used on this thread only,
 * and the state is saved after every generation, so a resumed run continues the same stream.
 */
final class EvolutionLoop {

    private final SearchRun run;
    private final SearchState state;
    private final SearchSettings settings;
    private final ResampleMutation mutation;
    private final Nsga2Selection nsga2;
    private final ParetoArchive archive;

    EvolutionLoop(SearchRun run) {
        this.run = run;
        this.state = run.state;
        this.settings = run.settings;
        this.mutation = new ResampleMutation(settings.mutationProbability());
        this.nsga2 = new Nsga2Selection(settings.costObjective());
        this.archive = new ParetoArchive(settings.costObjective());
        for (int i = 0; i < state.searchEvaluations; i++) {
            archive.add(run.cache.get(i));
        }
    }

    /** Runs generations until the planned number or the evaluation cap is reached. */
    void run() {
        if (state.generation < 0) {
            step(0);
        }
        while (!finished()) {
            step(state.generation + 1);
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

    private void step(int generation) {
        SplitMix64 rng = SplitMix64.ofState(state.rngState);
        RejectionSampler sampler = new RejectionSampler(run.codec, run.budget, settings.maxDrawAttempts(),
                state.drawAttempts, state.feasibleDraws);
        List<Draw> draws = generation == 0 ? initialDraws(sampler, rng) : children(sampler, rng);
        int before = run.cache.size();
        List<Candidate> evaluated = run.cache.evaluate(draws, generation, remainingEvaluations());
        for (int i = before; i < run.cache.size(); i++) {
            Candidate c = run.cache.get(i);
            archive.add(c);
            if (state.bestIndex < 0 || run.bestFirst.compare(c, run.cache.get(state.bestIndex)) < 0) {
                state.bestIndex = c.index();
            }
        }
        state.population = indices(generation == 0 ? evaluated : survivors(evaluated));
        long attempts = sampler.attempts() - state.drawAttempts;
        long feasible = sampler.feasible() - state.feasibleDraws;
        state.drawAttempts = sampler.attempts();
        state.feasibleDraws = sampler.feasible();
        state.searchEvaluations = run.cache.size();
        state.rngState = rng.state();
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

    private List<Draw> initialDraws(RejectionSampler sampler, SplitMix64 rng) {
        List<Draw> draws = new ArrayList<>(settings.population());
        for (int i = 0; i < settings.population(); i++) {
            draws.add(sampler.drawFromPrior(rng, Origin.INITIAL));
        }
        return draws;
    }

    private List<Draw> children(RejectionSampler sampler, SplitMix64 rng) {
        List<Candidate> parents = parents();
        int k = parents.size();
        List<Draw> draws = new ArrayList<>(settings.childrenPerGeneration());
        for (int i = 0; i < settings.mutants(); i++) {
            draws.add(sampler.draw(r -> mutation.mutate(parents.get(r.nextInt(k)).genome(), r), rng, Origin.MUTATION));
        }
        for (int i = 0; i < settings.crossovers(); i++) {
            draws.add(sampler.draw(r -> {
                int a = r.nextInt(k);
                int b = a;
                if (k > 1) {
                    // Two distinct parents, like the reference's random.sample(candidates, 2).
                    b = r.nextInt(k - 1);
                    b += b >= a ? 1 : 0;
                }
                return UniformGeneCrossover.cross(parents.get(a).genome(), parents.get(b).genome(), r);
            }, rng, Origin.CROSSOVER));
        }
        return draws;
    }

    private List<Candidate> parents() {
        List<Candidate> population = distinct(run.candidates(state.population));
        return top(population, settings.parents());
    }

    private List<Candidate> survivors(List<Candidate> children) {
        List<Candidate> previous = distinct(run.candidates(state.population));
        if (settings.pareto()) {
            List<Candidate> pool = new ArrayList<>(previous);
            pool.addAll(children);
            return nsga2.best(distinct(pool), settings.population());
        }
        List<Candidate> next = new ArrayList<>(children);
        next.addAll(top(previous, settings.elites()));
        return next;
    }

    /** The best {@code count} of distinct candidates: by NSGA-II order in Pareto mode, else by metric. */
    private List<Candidate> top(List<Candidate> distinct, int count) {
        if (settings.pareto()) {
            return nsga2.best(distinct, count);
        }
        return distinct.stream().sorted(run.bestFirst).limit(count).toList();
    }

    private static List<Candidate> distinct(List<Candidate> candidates) {
        Map<Integer, Candidate> byIndex = new LinkedHashMap<>();
        candidates.forEach(c -> byIndex.putIfAbsent(c.index(), c));
        return List.copyOf(byIndex.values());
    }

    private static List<Integer> indices(List<Candidate> candidates) {
        return new ArrayList<>(candidates.stream().map(Candidate::index).toList());
    }
}
