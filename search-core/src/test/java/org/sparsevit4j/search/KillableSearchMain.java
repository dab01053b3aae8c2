package org.sparsevit4j.search;

import java.nio.file.Path;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.SparsityConfig;

/**
 * The child process of {@link ResumeAfterKillTest}: runs {@link #settings()} in the run directory
 * given as the only argument, with an evaluator slowed down so that the parent can kill it midway.
 */
public final class KillableSearchMain {

    private KillableSearchMain() {
    }

    static SearchSettings settings() {
        return SearchSettings.builder(ArchitectureSpec.preset("swin_t"), 672, 672)
                .budget(SearchBudget.ofMacs(MacLimit.parse("0.6x")))
                .generations(12)
                .seed(20_230_331)
                .build();
    }

    /** {@link SyntheticFitness} taking about 2 ms per configuration, like a (very) fast real evaluator. */
    static final class SlowFitness implements ConfigEvaluator {
        private final SyntheticFitness fitness = new SyntheticFitness();

        @Override
        public double evaluate(SparsityConfig config) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return fitness.evaluate(config);
        }

        @Override
        public String metricName() {
            return fitness.metricName();
        }

        @Override
        public String description() {
            return fitness.description();
        }
    }

    public static void main(String[] args) {
        EvolutionarySearch.run(settings(), new SlowFitness(), null, Path.of(args[0]),
                SearchListener.logTo(System.out::println));
    }
}
