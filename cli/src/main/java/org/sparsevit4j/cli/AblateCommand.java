package org.sparsevit4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sparsevit4j.app.AblationRequest;
import org.sparsevit4j.app.Ablations;
import org.sparsevit4j.app.DataSpec;
import org.sparsevit4j.app.Resolution;
import org.sparsevit4j.app.TrainingProgress;
import org.sparsevit4j.results.AblationSummary;
import org.sparsevit4j.supernet.checkpoint.SegmentationLoss;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sparsevit ablate}: the paper's four claims on a dataset ({@link Ablations}). Options left out
 * take the values of {@code --quick} or of the default run ({@link AblationRequest#quick},
 * {@link AblationRequest#standard}).
 */
@Command(name = "ablate", mixinStandardHelpOptions = true,
        description = "The paper's four ablations on a dataset (the built-in benchmark by default): (a) SAA against a "
                + "model trained dense under uniform sparsity; (b) searched against the best uniform configuration at "
                + "each budget; (c) evolution against random search with as many evaluations, over seeds; (d) window "
                + "pruning against the input downsampled to the same MACs. Writes ablation.json and ablation.html. "
                + "About 50 minutes on 2 cores (--quick: about 4 minutes); run again with the same --out to continue.")
public final class AblateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/ablation",
            description = "Folder of the ablation's runs and results. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--quick", description = "A small run (160x160, 300 training steps, small searches on 60 scenes): "
            + "about 4 minutes on 2 cores; it shows the steps work, not the benchmark's figures.")
    boolean quick;

    @Mixin
    DataOptions data;

    @Option(names = "--arch", paramLabel = "NAME", description = "Architecture preset. Default: swin_micro.")
    String arch;

    @Option(names = "--resolution", paramLabel = "SIZE", converter = ResolutionConverter.class,
            description = "Training and evaluation size. Default: 224 (--quick: 160).")
    Resolution resolution;

    @Option(names = "--train-steps", paramLabel = "N",
            description = "Steps of each model, SAA and dense. Default: 3000 (--quick: 300).")
    Long trainSteps;

    @Option(names = "--batch", paramLabel = "N", description = "Images per training step. Default: 8.")
    Integer batch;

    @Option(names = "--lr", paramLabel = "RATE", description = "Peak learning rate of both trainings. Default: the "
            + "training default.")
    Double learningRate;

    @Option(names = "--class-weights", paramLabel = "none|balanced",
            description = "Segmentation: class weights of both trainings (see train-supernet). Default: the training "
                    + "default.")
    String classWeights;

    @Option(names = "--ohem", negatable = true, description = "Segmentation: OHEM in both trainings (see "
            + "train-supernet). Default: the training default.")
    Boolean ohem;

    @Option(names = "--distill", paramLabel = "W", description = "In-place distillation weight of the SAA supernet "
            + "(see train-supernet). Default: 1 (--quick: 0).")
    Double distill;

    @Option(names = "--budgets", paramLabel = "F,...", split = ",",
            description = "Search budgets as fractions of dense MACs (of the table's dense latency with "
                    + "--latency-table). Default: 0.4,0.5,0.6.")
    List<Double> budgets;

    @Option(names = "--latency-table", paramLabel = "T.json",
            description = "A latency table of the model on this machine (sparsevit profile --build-table): the "
                    + "budgets are then latency budgets, predicted by it.")
    Path latencyTable;

    @Option(names = "--seeds", paramLabel = "N", description = "Search seeds per budget, each with its own random "
            + "search. Default: 3.")
    Integer seeds;

    @Option(names = "--generations", paramLabel = "N", description = "Generations of each search. Default: 4 "
            + "(--quick: 2).")
    Integer generations;

    @Option(names = "--population", paramLabel = "P", description = "Population of each search. Default: 12 "
            + "(--quick: 8).")
    Integer population;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the data and of both trainings. Default: 0.")
    Long seed;

    @Option(names = "--eval-batch", paramLabel = "N", description = "Images per evaluation pass. Default: 16.")
    Integer evalBatch;

    @Option(names = "--loader-threads", paramLabel = "N", description = "Decoding threads. Default: 1.")
    Integer loaderThreads;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() {
        threads.apply();
        AblationRequest request = request();
        Ablations.Outcome outcome;
        try (CliProgress progress = new CliProgress(spec.commandLine().getErr())) {
            outcome = Ablations.run(request, progress);
        }
        PrintWriter o = spec.commandLine().getOut();
        AblationSummary.budgetTable(outcome.result()).forEach(o::println);
        o.println();
        AblationSummary.curveTable(outcome.result()).forEach(o::println);
        o.println();
        AblationSummary.claims(outcome.result()).forEach(o::println);
        o.printf("ablation finished in %s; %s, %s%n", TrainingProgress.duration(outcome.wallSeconds()),
                outcome.json(), outcome.html());
        return 0;
    }

    /** The preset, with what the command line gave instead. */
    AblationRequest request() {
        AblationRequest p = quick ? AblationRequest.quick(out) : AblationRequest.standard(out);
        DataSpec d = data.spec(spec.commandLine().getParseResult(), p.data());
        SegmentationLoss loss = new SegmentationLoss(classWeights == null ? p.loss().classWeights()
                : SegmentationLoss.ClassWeights.parse(classWeights), ohem == null ? p.loss().ohem() : ohem);
        return new AblationRequest(out, or(arch, p.arch()), d, or(resolution, p.resolution()),
                or(trainSteps, p.trainSteps()), or(batch, p.batch()), or(learningRate, p.learningRate()), loss,
                or(distill, p.distill()),
                or(budgets, p.budgets()), latencyTable, or(seeds, p.seeds()), or(generations, p.generations()),
                or(population, p.population()), or(seed, p.seed()), or(evalBatch, p.evalBatch()),
                or(loaderThreads, p.loaderThreads()));
    }

    private static <T> T or(T given, T preset) {
        return given != null ? given : preset;
    }
}
