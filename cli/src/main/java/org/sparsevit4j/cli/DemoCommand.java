package org.sparsevit4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sparsevit4j.app.Demo;
import org.sparsevit4j.app.DemoRequest;
import org.sparsevit4j.app.Resolution;
import org.sparsevit4j.app.TrainingProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sparsevit demo}: the whole method end to end on the built-in scenes ({@link Demo}). */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "End to end on the built-in benchmark: latency table, SAA training, Pareto search under 0.6x "
                + "dense MACs, fine-tuning, and on val the dense model against the chosen configuration, the best "
                + "uniform one and random search's best within its MACs, and the input downsampled to them; and the "
                + "search's report. About 5 minutes on 2 cores; run it again with the same --out to continue after "
                + "an interruption.")
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/demo",
            description = "Folder of the demo's runs. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--resolution", paramLabel = "SIZE", defaultValue = "160", converter = ResolutionConverter.class,
            description = "Image size throughout. Default: ${DEFAULT-VALUE}.")
    Resolution resolution;

    @Option(names = "--train-steps", paramLabel = "N", defaultValue = "400",
            description = "SAA steps of the supernet. Default: ${DEFAULT-VALUE}.")
    int trainSteps;

    @Option(names = "--finetune-steps", paramLabel = "N", defaultValue = "100",
            description = "Fine-tuning steps of the chosen configuration. Default: ${DEFAULT-VALUE}.")
    int finetuneSteps;

    @Option(names = "--generations", paramLabel = "N", defaultValue = "6", description = "Search generations. Default: ${DEFAULT-VALUE}.")
    int generations;

    @Option(names = "--population", paramLabel = "P", defaultValue = "16", description = "Search population. Default: ${DEFAULT-VALUE}.")
    int population;

    @Option(names = "--max-macs", paramLabel = "LIMIT", defaultValue = "0.6x", description = "MAC budget. Default: ${DEFAULT-VALUE}.")
    String maxMacs;

    @Option(names = "--synthetic-images", paramLabel = "N", defaultValue = "600",
            description = "Built-in training scenes (a tenth is the search split). Default: ${DEFAULT-VALUE}.")
    int syntheticImages;

    @Option(names = "--synthetic-val", paramLabel = "N", defaultValue = "200",
            description = "Built-in validation scenes. Default: ${DEFAULT-VALUE}.")
    int syntheticVal;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of every step. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Threads per tensor operation (default: the engine's).")
    Integer threads;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        ThreadsOption engine = new ThreadsOption();
        engine.threads = threads;
        engine.apply();
        Demo.Outcome outcome;
        try (CliProgress progress = new CliProgress(spec.commandLine().getErr())) {
            outcome = Demo.run(new DemoRequest(out, resolution, trainSteps, finetuneSteps, generations, population,
                    maxMacs, syntheticImages, syntheticVal, seed), progress);
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%-26s %7s %7s %9s %11s  %s%n", "model", "mIoU", "GMACs", "MAC frac", "latency ms",
                "ratios");
        for (Demo.Row r : outcome.rows()) {
            o.printf(Locale.ROOT, "%-26s %7.4f %7.3f %9.3f %11.1f  %s%n", r.model(), r.miou(), r.macs() / 1e9,
                    r.macFraction(), r.latencyMs(), r.config().compact());
        }
        o.printf(Locale.ROOT, "demo finished in %s; results in %s%n",
                TrainingProgress.duration((System.nanoTime() - start) / 1e9), out);
        outcome.report().ifPresent(report -> o.println("report: " + report.toAbsolutePath()));
        return 0;
    }
}
