package org.sparsevit4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sparsevit4j.app.ClusterEvaluation;
import org.sparsevit4j.app.Resolution;
import org.sparsevit4j.app.SearchRequest;
import org.sparsevit4j.app.Searches;
import org.sparsevit4j.search.SearchSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sparsevit search}: the evolutionary search of per-layer sparsity on a supernet
 * ({@link Searches}), its accuracy measured on the search split (carved from train, so never the
 * reported split).
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Evolutionary search of per-layer sparsity under a MAC and/or latency budget (the paper's scheme; "
                + "--pareto for NSGA-II over metric and cost), evaluated on the search split of the supernet's data.")
public final class SearchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--weights", paramLabel = "FILE|RUN", description = "The supernet: a checkpoint or a training run folder.")
    Path weights;

    @Option(names = "--arch", paramLabel = "NAME", description = "Check that the supernet is this preset.")
    String arch;

    @Mixin
    DataOptions data;

    @Option(names = "--resolution", paramLabel = "SIZE", converter = ResolutionConverter.class,
            description = "Image size the search evaluates and counts MACs at. Default: the supernet's training size.")
    Resolution resolution;

    @Option(names = "--max-macs", paramLabel = "LIMIT",
            description = "MAC budget of the backbone: GMACs (3.2) or a fraction of dense (0.6x).")
    String maxMacs;

    @Option(names = "--max-latency-ms", paramLabel = "MS", description = "Latency budget in ms.")
    Double maxLatencyMs;

    @Option(names = "--min-latency-ms", paramLabel = "MS", description = "Lower end of a latency window.")
    Double minLatencyMs;

    @Option(names = "--latency-table", paramLabel = "T.json",
            description = "Latency table from sparsevit profile --build-table, measured on this device with these "
                    + "threads: predicts latency for the budget and --cost latency.")
    Path latencyTable;

    @Option(names = "--latency", paramLabel = "table|measure",
            description = "Where the search's latency comes from: table (the --latency-table, re-anchored to this "
                    + "process; the default with a table) or measure (every candidate timed on --device, cached by "
                    + "configuration, the reference code's way).")
    String latencySource;

    @Option(names = "--latency-batch", paramLabel = "N", defaultValue = "1",
            description = "Images per timed pass with --latency measure. Default: ${DEFAULT-VALUE}.")
    int latencyBatch;

    @Mixin
    PrecisionOption precision;

    @Option(names = "--cost", paramLabel = "macs|latency", defaultValue = "macs",
            description = "The cost traded against the metric (Pareto axis, ties, hypervolume). Default: ${DEFAULT-VALUE}.")
    String cost;

    @Option(names = "--measure-runs", paramLabel = "N",
            description = "Timed passes per measured configuration: each candidate with --latency measure, and the "
                    + "best configuration and the front after the search (at the table's input, on --device). "
                    + "Default: 10 with a latency source, else 0 (no re-measurement).")
    Integer measureRuns;

    @Mixin
    DeviceOption device;

    @Mixin
    DevicesOption devices;

    @Option(names = "--pareto", description = "Keep the Pareto front of (metric, cost) with NSGA-II.")
    boolean pareto;

    @Option(names = "--generations", paramLabel = "N", defaultValue = "" + SearchSettings.DEFAULT_GENERATIONS,
            description = "Generations after the initial population. Default: ${DEFAULT-VALUE}.")
    int generations;

    @Option(names = "--population", paramLabel = "P", defaultValue = "" + SearchSettings.DEFAULT_POPULATION,
            description = "Population; parents are a quarter, mutants and crossovers half each. Default: ${DEFAULT-VALUE}.")
    int population;

    @Option(names = "--granularity", paramLabel = "G", defaultValue = "pair",
            description = "One gene per block, pair (the paper) or stage. Default: ${DEFAULT-VALUE}.")
    String granularity;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the search. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "8", description = "Images per evaluation pass. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--loader-threads", paramLabel = "N", defaultValue = "1", description = "Decoding threads. Default: ${DEFAULT-VALUE}.")
    int loaderThreads;

    @Option(names = "--out", paramLabel = "RUN_DIR", description = "Run folder for the search's state and results.")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue the search in this folder.")
    Path resume;

    @Mixin
    CacheOptions cache;

    @Mixin
    ThreadsOption threads;

    @Mixin
    SparkMasterOption sparkMaster;

    @Override
    public Integer call() {
        threads.apply();
        PrintWriter err = spec.commandLine().getErr();
        Searches.Outcome outcome;
        try (CliProgress progress = new CliProgress(err, true);
                ClusterEvaluation cluster = sparkMaster.open(progress)) {
            outcome = resume != null ? Searches.resume(resume, devices.list(threads), cluster, cache.spec(), progress)
                    : Searches.run(new SearchRequest(weights, arch, data.spec(), resolution, maxMacs, maxLatencyMs,
                            minLatencyMs, cost, latencyTable, latencySource, latencyBatch, measureRuns, device.device,
                            precision.dtype, pareto, generations, population, granularity, seed, batch, loaderThreads),
                            out, devices.list(threads), cluster, cache.spec(), progress);
        }
        outcome.skipped().ifPresent(err::println);
        SearchResultLines.print(spec.commandLine().getOut(), outcome.result(), outcome.runDir());
        outcome.chartsMissing().ifPresent(why -> err.println("warning: " + why));
        spec.commandLine().getOut().println("report: " + outcome.report().toAbsolutePath());
        return 0;
    }
}
