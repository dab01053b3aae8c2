package org.sparsevit4j.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.supernet.data.SyntheticKind;
import org.sparsevit4j.supernet.checkpoint.SaaRecipe;
import org.sparsevit4j.supernet.checkpoint.SegmentationLoss;

/**
 * The paper's four ablations on one dataset ({@link Ablations}).
 *
 * @param out folder of the ablation's runs, {@code ablation.json} and {@code ablation.html}
 * @param arch architecture preset of both models
 * @param data the data (the built-in benchmark by default)
 * @param resolution training and evaluation size
 * @param trainSteps steps of each model: the SAA supernet and the densely trained one
 * @param batch images per training step
 * @param learningRate peak learning rate of both trainings
 * @param loss segmentation's cross-entropy, for both trainings
 * @param distill the SAA supernet's in-place distillation weight ({@link SaaRecipe})
 * @param budgets the search budgets as fractions of dense: MACs, or latency with a latency table
 * @param latencyTable a latency table, whose predictions then set and check the budgets, or null
 * @param seeds search seeds per budget (1 to this), each with its own random search
 * @param generations generations of each search
 * @param population population of each search
 * @param seed seed of the data and of both trainings
 * @param evalBatch images per evaluation pass
 * @param loaderThreads decoding threads
 */
public record AblationRequest(Path out, String arch, DataSpec data, Resolution resolution, long trainSteps, int batch,
        double learningRate, SegmentationLoss loss, double distill, List<Double> budgets, Path latencyTable,
        int seeds, int generations, int population, long seed, int evalBatch, int loaderThreads) {

    /** The budgets of the paper's comparison, as fractions of dense. */
    public static final List<Double> DEFAULT_BUDGETS = List.of(0.4, 0.5, 0.6);

    public AblationRequest {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(loss, "loss");
        new SaaRecipe(false, distill); // its rule on the weight, before any training starts
        budgets = List.copyOf(budgets);
        if (budgets.isEmpty()) {
            throw new InvalidInputException("--budgets: give at least one fraction of dense, e.g. 0.4,0.5,0.6");
        }
        for (double b : budgets) {
            if (!(b > 0 && b <= 1)) {
                throw new InvalidInputException("--budgets " + b + " must be a fraction of dense in (0, 1]");
            }
        }
        if (seeds < 1) {
            throw new InvalidInputException("--seeds " + seeds + " must be at least 1 (3 or more for a spread)");
        }
        if (trainSteps < 1 || batch < 1 || generations < 0 || population < 2 || evalBatch < 1 || loaderThreads < 1) {
            throw new InvalidInputException("--train-steps " + trainSteps + ", --batch " + batch + ", --generations "
                    + generations + ", --population " + population + ", --eval-batch " + evalBatch
                    + " and --loader-threads " + loaderThreads + ": steps, batches and threads must be at least 1, "
                    + "generations at least 0 and the population at least 2");
        }
    }

    /**
     * About 4 minutes on 2 cores (measured with one intra-op thread on a shared machine): small images,
     * short trainings, small searches. It shows the pipeline works; its figures are not the benchmark's
     * (see {@link #standard}). Trains without distillation, as short runs do
     * ({@link Trainings#SHORT_RUN_RECIPE}).
     */
    public static AblationRequest quick(Path out) {
        return new AblationRequest(out, "swin_micro", builtIn(600, 100), Resolution.square(160), 300, 8,
                Trainings.DEFAULT_LEARNING_RATE, SegmentationLoss.PLAIN, Trainings.SHORT_RUN_RECIPE.distill(),
                DEFAULT_BUDGETS, null, 3, 2, 8, 0, 16, 1);
    }

    /**
     * The default: about 50 minutes on 2 cores (measured as {@link #quick}). 3000 steps, because at
     * 1500 the SAA supernet still lost 5.9 points of mIoU at uniform 0.6 (its loss was still falling),
     * at 3000 it loses 2.8; a higher learning rate in its place lost more; distillation brought the
     * loss on three seeds from 2.8, 6.6 and 3.9 points to 2.5, 4.0 and 2.0 (README, "Does it work?").
     */
    public static AblationRequest standard(Path out) {
        return new AblationRequest(out, "swin_micro", builtIn(1000, 200), Resolution.square(224), 3000, 8,
                Trainings.DEFAULT_LEARNING_RATE, SegmentationLoss.PLAIN, Trainings.DEFAULT_RECIPE.distill(),
                DEFAULT_BUDGETS, null, 3, 4, 12, 0, 16, 1);
    }

    private static DataSpec builtIn(int train, int val) {
        return new DataSpec(null, null, null, false, 0.1, train, val, SyntheticKind.BENCHMARK);
    }

    /** The budget of one search, as {@code --max-macs} takes it. */
    static String macBudget(double fraction) {
        return fraction + "x";
    }
}
