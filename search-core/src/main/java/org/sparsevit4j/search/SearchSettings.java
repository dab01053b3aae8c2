package org.sparsevit4j.search;

import java.util.Objects;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.Granularity;

/**
 * Everything that determines a search, and so everything a resume reads back from the run
 * directory: the space (architecture, input size, granularity), the paper's evolution parameters,
 * the budget, the mode and the seed. Same settings, seed and evaluator: same result.
 *
 * <p>Defaults (the paper's): population 100, parents 25 (a quarter), 50 mutants and 50 crossovers
 * (half each), mutation probability 0.1, pair granularity. Changing the population through the
 * {@link Builder} scales parents, mutants and crossovers unless they were set explicitly.
 *
 * @param arch the backbone searched
 * @param imageHeight input height in pixels, for the MAC count
 * @param imageWidth input width in pixels
 * @param granularity blocks per gene
 * @param population size of the initial population
 * @param parents top candidates that breed each generation
 * @param mutants mutants bred per generation
 * @param crossovers crossovers bred per generation
 * @param elites best candidates of a generation carried into the next (single-objective mode;
 *     NSGA-II survival is elitist by itself); the reference has none and can lose its best
 * @param mutationProbability probability that a gene is drawn again in a mutant
 * @param generations generations bred after the initial population
 * @param maxEvaluations cap on unique evaluations by the evolution; 0 for none
 * @param seed seed of every random choice
 * @param budget constraints every evaluated candidate meets
 * @param pareto NSGA-II on (metric, cost) instead of the metric alone
 * @param costObjective the cost traded against the metric (Pareto axis, tie-break, hypervolume)
 * @param maxDrawAttempts draws allowed per accepted candidate before the search gives up
 * @param baselines whether to run the uniform-sparsity and random-search baselines after the search
 * @param hypervolumeReferenceMetric metric of the hypervolume's reference point
 */
public record SearchSettings(
        ArchitectureSpec arch,
        int imageHeight,
        int imageWidth,
        Granularity granularity,
        int population,
        int parents,
        int mutants,
        int crossovers,
        int elites,
        double mutationProbability,
        int generations,
        long maxEvaluations,
        long seed,
        SearchBudget budget,
        boolean pareto,
        CostObjective costObjective,
        int maxDrawAttempts,
        boolean baselines,
        double hypervolumeReferenceMetric) {

    public static final int DEFAULT_POPULATION = 100;
    public static final double DEFAULT_MUTATION_PROBABILITY = 0.1;
    public static final int DEFAULT_GENERATIONS = 20;
    public static final int DEFAULT_MAX_DRAW_ATTEMPTS = 100_000;

    public SearchSettings {
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(costObjective, "costObjective");
        arch.stageSizes(imageHeight, imageWidth);
        atLeast("population", population, 2);
        atLeast("parents", parents, 1);
        if (parents > population) {
            throw new InvalidInputException("parents " + parents + " must not exceed the population " + population);
        }
        atLeast("mutants", mutants, 0);
        atLeast("crossovers", crossovers, 0);
        if (mutants + crossovers < 1) {
            throw new InvalidInputException("mutants " + mutants + " + crossovers " + crossovers
                    + " must be at least 1; a generation needs children");
        }
        if (crossovers > 0 && parents < 2) {
            throw new InvalidInputException("parents " + parents + " must be at least 2 when crossovers is "
                    + crossovers + "; a crossover needs two parents");
        }
        atLeast("elites", elites, 0);
        if (elites > parents) {
            throw new InvalidInputException("elites " + elites + " must not exceed the parents " + parents);
        }
        if (!(mutationProbability >= 0 && mutationProbability <= 1)) {
            throw new InvalidInputException("mutation probability " + mutationProbability + " must be in [0, 1]");
        }
        atLeast("generations", generations, 0);
        if (maxEvaluations < 0) {
            throw new InvalidInputException("max evaluations " + maxEvaluations + " must be >= 0 (0 = no cap)");
        }
        if (maxEvaluations > 0 && maxEvaluations < population) {
            throw new InvalidInputException("max evaluations " + maxEvaluations
                    + " must be 0 (no cap) or at least the population " + population);
        }
        atLeast("max draw attempts", maxDrawAttempts, 1);
        if (!Double.isFinite(hypervolumeReferenceMetric)) {
            throw new InvalidInputException("hypervolume reference metric " + hypervolumeReferenceMetric + " must be finite");
        }
    }

    /** A builder with the paper's defaults for {@code arch} on {@code height x width} inputs. */
    public static Builder builder(ArchitectureSpec arch, int height, int width) {
        return new Builder(arch, height, width);
    }

    /** A builder holding these settings, every count marked as set explicitly. */
    public Builder toBuilder() {
        Builder b = new Builder(arch, imageHeight, imageWidth);
        b.granularity = granularity;
        b.population = population;
        b.parents = parents;
        b.mutants = mutants;
        b.crossovers = crossovers;
        b.elites = elites;
        b.mutationProbability = mutationProbability;
        b.generations = generations;
        b.maxEvaluations = maxEvaluations;
        b.seed = seed;
        b.budget = budget;
        b.pareto = pareto;
        b.costObjective = costObjective;
        b.maxDrawAttempts = maxDrawAttempts;
        b.baselines = baselines;
        b.hypervolumeReferenceMetric = hypervolumeReferenceMetric;
        return b;
    }

    /** Children bred per generation. */
    public int childrenPerGeneration() {
        return mutants + crossovers;
    }

    private static void atLeast(String name, long value, long min) {
        if (value < min) {
            throw new InvalidInputException(name + " " + value + " must be at least " + min);
        }
    }

    /**
     * Builds {@link SearchSettings}; each setter rejects an out-of-range value at once, and
     * {@link #build()} checks the settings against each other.
     */
    public static final class Builder {
        private final ArchitectureSpec arch;
        private final int height;
        private final int width;
        private Granularity granularity = Granularity.PAIR;
        private int population = DEFAULT_POPULATION;
        private Integer parents;
        private Integer mutants;
        private Integer crossovers;
        private int elites = 1;
        private double mutationProbability = DEFAULT_MUTATION_PROBABILITY;
        private int generations = DEFAULT_GENERATIONS;
        private long maxEvaluations;
        private long seed;
        private SearchBudget budget = SearchBudget.none();
        private boolean pareto;
        private CostObjective costObjective;
        private int maxDrawAttempts = DEFAULT_MAX_DRAW_ATTEMPTS;
        private boolean baselines = true;
        private double hypervolumeReferenceMetric;

        private Builder(ArchitectureSpec arch, int height, int width) {
            this.arch = Objects.requireNonNull(arch, "arch");
            arch.stageSizes(height, width);
            this.height = height;
            this.width = width;
        }

        public Builder granularity(Granularity value) {
            granularity = Objects.requireNonNull(value, "granularity");
            return this;
        }

        /** Population size; parents, mutants and crossovers not set explicitly become p/4, p/2 and p - p/2. */
        public Builder population(int value) {
            atLeast("population", value, 2);
            population = value;
            return this;
        }

        public Builder parents(int value) {
            atLeast("parents", value, 1);
            parents = value;
            return this;
        }

        public Builder mutants(int value) {
            atLeast("mutants", value, 0);
            mutants = value;
            return this;
        }

        public Builder crossovers(int value) {
            atLeast("crossovers", value, 0);
            crossovers = value;
            return this;
        }

        public Builder elites(int value) {
            atLeast("elites", value, 0);
            elites = value;
            return this;
        }

        public Builder mutationProbability(double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new InvalidInputException("mutation probability " + value + " must be in [0, 1]");
            }
            mutationProbability = value;
            return this;
        }

        public Builder generations(int value) {
            atLeast("generations", value, 0);
            generations = value;
            return this;
        }

        /** Cap on unique evaluations by the evolution (0 = none); the last generation is cut to fit. */
        public Builder maxEvaluations(long value) {
            atLeast("max evaluations", value, 0);
            maxEvaluations = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder budget(SearchBudget value) {
            budget = Objects.requireNonNull(value, "budget");
            return this;
        }

        public Builder pareto(boolean value) {
            pareto = value;
            return this;
        }

        /** The cost traded against the metric; unset, it is latency when the budget bounds latency, else MACs. */
        public Builder costObjective(CostObjective value) {
            costObjective = Objects.requireNonNull(value, "costObjective");
            return this;
        }

        public Builder maxDrawAttempts(int value) {
            atLeast("max draw attempts", value, 1);
            maxDrawAttempts = value;
            return this;
        }

        public Builder baselines(boolean value) {
            baselines = value;
            return this;
        }

        public Builder hypervolumeReferenceMetric(double value) {
            if (!Double.isFinite(value)) {
                throw new InvalidInputException("hypervolume reference metric " + value + " must be finite");
            }
            hypervolumeReferenceMetric = value;
            return this;
        }

        public SearchSettings build() {
            int p = parents != null ? parents : Math.min(population, Math.max(2, population / 4));
            int m = mutants != null ? mutants : population / 2;
            int c = crossovers != null ? crossovers : population - population / 2;
            CostObjective objective = costObjective != null ? costObjective
                    : budget.hasLatencyBound() ? CostObjective.LATENCY : CostObjective.MACS;
            return new SearchSettings(arch, height, width, granularity, population, p, m, c,
                    elites, mutationProbability, generations, maxEvaluations, seed, budget,
                    pareto, objective, maxDrawAttempts, baselines, hypervolumeReferenceMetric);
        }
    }
}
