package org.sparsevit4j.supernet.train;

import java.nio.file.Path;
import org.sparsevit4j.core.SparsityConfig;

/** What a training run reports while it runs: for a progress bar and logs. */
public interface TrainingListener {

    /**
     * One optimizer step done.
     *
     * @param step steps completed, 1-based
     * @param totalSteps steps planned
     * @param loss the step's loss (mean over its passes)
     * @param learningRate the rate the step used
     * @param imagesPerSecond throughput of the run so far (this invocation)
     * @param etaSeconds estimated seconds to the end
     * @param config the configuration of the step's (first) pass
     */
    record Step(long step, long totalSteps, double loss, double learningRate, double imagesPerSecond,
            double etaSeconds, SparsityConfig config) {
    }

    default void onStep(Step step) {
    }

    default void onCheckpoint(Path file) {
    }

    /** A line worth showing: what is trained on what, budget decisions, skipped files. */
    default void onMessage(String line) {
    }
}
