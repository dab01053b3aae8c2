package org.sparsevit4j.search;

import org.sparsevit4j.core.SparsityConfig;

/**
 * A cheap fitness with a structure like the real one: accuracy drops with sparsity, little in the
 * high-resolution first stage, a lot in the narrow last stages. metric = 1 - sum over blocks of
 * {@code w[stage] * (1 + 0.013 * block) * level^2 / 64}; the odd per-block factors make ties
 * between different configurations impossible in practice, so the optimum under a budget is unique.
 */
final class SyntheticFitness implements ConfigEvaluator {

    /** Stage 0 tolerates sparsity, stages 1 and 3 do not, stage 2 is in between. */
    static final double[] STAGE_WEIGHTS = {0.011, 0.37, 0.053, 0.61};

    @Override
    public double evaluate(SparsityConfig config) {
        double loss = 0;
        for (int s = 0; s < config.numStages(); s++) {
            double w = STAGE_WEIGHTS[s % STAGE_WEIGHTS.length];
            for (int b = 0; b < config.depth(s); b++) {
                int level = config.level(s, b);
                loss += w * (1 + 0.013 * b) * level * level / 64.0;
            }
        }
        return 1 - loss;
    }

    @Override
    public String metricName() {
        return "synthetic";
    }

    @Override
    public String description() {
        return "synthetic fitness (test)";
    }
}
