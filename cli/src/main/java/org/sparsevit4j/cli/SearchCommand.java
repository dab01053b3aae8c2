package org.sparsevit4j.cli;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.AtomicFiles;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.evaluator.SplitFitness;
import org.sparsevit4j.profiler.LatencyTable;
import org.sparsevit4j.results.RunReport;
import org.sparsevit4j.search.Candidate;
import org.sparsevit4j.search.CostObjective;
import org.sparsevit4j.search.EvolutionarySearch;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.search.MacLimit;
import org.sparsevit4j.search.SearchBudget;
import org.sparsevit4j.search.SearchListener;
import org.sparsevit4j.search.SearchResult;
import org.sparsevit4j.search.SearchSettings;
import org.sparsevit4j.supernet.data.Split;
import org.sparsevit4j.supernet.model.Precision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sparsevit search}: the evolutionary search of per-layer sparsity on a supernet, with its
 * accuracy measured on the search split (carved from train, so never the reported split).
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Evolutionary search of per-layer sparsity under a MAC and/or latency budget (the paper's scheme; "
                + "--pareto for NSGA-II over metric and cost), evaluated on the search split of the supernet's data.")
public final class SearchCommand implements Callable<Integer> {

    /** What the run folder needs to be resumed without the original command line. */
    static final String INPUTS_FILE = "search-inputs.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--weights", paramLabel = "FILE|RUN", description = "The supernet: a checkpoint or a training run folder.")
    Path weights;

    @Option(names = "--arch", paramLabel = "NAME", description = "Check that the supernet is this preset.")
    String arch;

    @Mixin
    DataOptions data;

    @Option(names = "--resolution", paramLabel = "SIZE", converter = Resolution.Converter.class,
            description = "Image size the search evaluates and counts MACs at. Default: the supernet's training size.")
    Resolution resolution;

    @Option(names = "--max-macs", paramLabel = "LIMIT",
            description = "MAC budget of the backbone: GMACs (3.2) or a fraction of dense (0.6x).")
    String maxMacs;

    @Option(names = "--max-latency-ms", paramLabel = "MS",
            description = "Latency budget in ms, as the --latency-table predicts it.")
    Double maxLatencyMs;

    @Option(names = "--min-latency-ms", paramLabel = "MS", description = "Lower end of a latency window (needs --latency-table).")
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

    /** The anchors of the table when the resumed search started; null for a new search. */
    private List<LatencyTable.Check> savedAnchors;

    @Override
    public Integer call() throws IOException {
        if (resume != null) {
            loadInputs(resume);
        } else if (weights == null || out == null) {
            throw new InvalidInputException("give --weights SUPERNET and --out RUN_DIR (or --resume RUN_DIR)");
        } else {
            OutputPaths.requireWritableFolder(out, "--out");
        }
        LatencyMeasuring.Source source = latencySource == null ? null : LatencyMeasuring.Source.parse(latencySource);
        if ((maxLatencyMs != null || minLatencyMs != null || "latency".equalsIgnoreCase(cost.strip()))
                && latencyTable == null && source != LatencyMeasuring.Source.MEASURE) {
            throw new InvalidInputException("a latency budget or --cost latency needs --latency-table T.json (build one "
                    + "on this device with sparsevit profile --build-table) or --latency measure");
        }
        if (latencyBatch < 1) {
            throw new InvalidInputException("--latency-batch " + latencyBatch + " must be at least 1");
        }
        PrintWriter err = spec.commandLine().getErr();
        threads.apply();
        Device target = device.resolve();
        Precision inference = precision.resolve(target, err);
        try (EvaluationSetup setup = EvaluationSetup.open(weights, data, Split.SEARCH, resolution, batch, loaderThreads,
                cache, inference); LatencyMeasuring measuring = LatencyMeasuring.open(latencyTable, source, measureRuns,
                        latencyBatch, target, inference, setup, savedAnchors, resume != null ? resume : out)) {
            ArchitectureSpec supernet = setup.model.spec().arch();
            if (arch != null && !ArchitectureSpec.preset(arch).sameLayers(supernet)) {
                throw new InvalidInputException("--arch " + arch + " does not match the supernet, "
                        + supernet.describeLayers());
            }
            measuring.warnings().forEach(w -> err.println("warning: " + w));
            ProgressBar bar = new ProgressBar(err);
            int[] evaluated = {0};
            SplitFitness fitness = new SplitFitness(setup.evaluator, setup.description, setup.provenance, r -> {
                evaluated[0]++;
                bar.update(evaluated[0] % population, population, String.format(Locale.ROOT,
                        "evaluation %d: %s %.4f %s", evaluated[0], r.metricName(), r.metric(), r.cached() ? "(cached)" : ""));
            });
            SearchListener listener = SearchListener.logTo(bar::println);
            err.println("search on " + setup.description);
            SearchResult result;
            if (measuring.costModel() != null) {
                err.println("latency: " + measuring.costModel().description());
            }
            if (resume != null) {
                result = EvolutionarySearch.resume(resume, fitness, measuring.costModel(), measuring.meter(), listener);
            } else {
                SearchSettings settings = settings(supernet, setup.height, setup.width);
                EvolutionarySearch.checkBudget(settings, measuring.costModel()).forEach(w -> bar.println("warning: " + w));
                saveInputs(out, setup, measuring.anchors());
                result = EvolutionarySearch.run(settings, fitness, measuring.costModel(), measuring.meter(), out,
                        listener);
            }
            bar.finish();
            setup.reportSkipped(err);
            Path runDir = resume != null ? resume : out;
            report(result, runDir);
            RunReport.Written page = RunReport.writeReport(runDir);
            page.chartsMissing().ifPresent(why -> err.println("warning: " + why));
            spec.commandLine().getOut().println("report: " + page.report().toAbsolutePath());
        }
        return 0;
    }

    private SearchSettings settings(ArchitectureSpec supernet, int height, int width) {
        if (maxMacs == null && maxLatencyMs == null) {
            throw new InvalidInputException("give a budget: --max-macs 0.6x (a fraction of dense), --max-macs 3.2 "
                    + "(GMACs) or --max-latency-ms MS with --latency-table");
        }
        return SearchSettings.builder(supernet, height, width)
                .population(population)
                .generations(generations)
                .granularity(Granularity.parse(granularity))
                .seed(seed)
                .budget(new SearchBudget(maxMacs == null ? null : MacLimit.parse(maxMacs), maxLatencyMs, minLatencyMs))
                .costObjective(CostObjective.parse(cost))
                .pareto(pareto)
                .build();
    }

    private void report(SearchResult result, Path runDir) {
        PrintWriter out = spec.commandLine().getOut();
        Candidate best = result.best();
        out.printf(Locale.ROOT, "best %s %.4f at %.3f GMACs%s: %s%n", result.metricName(), best.metric(),
                best.costs().macs() / 1e9, best.costs().hasLatency()
                        ? String.format(Locale.ROOT, ", %.1f ms predicted", best.costs().latencyMs()) : "",
                best.config().compact());
        if (result.baselines() != null) {
            if (result.baselines().bestUniform() != null) {
                Candidate u = result.baselines().bestUniform();
                out.printf(Locale.ROOT, "best uniform %.4f at %.3f GMACs: %s%n", u.metric(), u.costs().macs() / 1e9,
                        u.config().compact());
            }
            if (result.baselines().bestRandom() != null) {
                Candidate r = result.baselines().bestRandom();
                out.printf(Locale.ROOT, "random search (%d evaluations) %.4f at %.3f GMACs%n",
                        result.baselines().randomEvaluations(), r.metric(), r.costs().macs() / 1e9);
            }
        }
        out.printf(Locale.ROOT, "Pareto front: %d configurations, hypervolume %.4f; %d unique evaluations%n",
                result.paretoFront().size(), result.hypervolume(), result.uniqueEvaluations());
        out.println("results in " + runDir + " (best.json, best-config.json, pareto.json, pareto.csv, candidates.csv)");
    }

    private void saveInputs(Path runDir, EvaluationSetup setup, List<LatencyTable.Check> anchors) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("weights", weights.toAbsolutePath().toString());
        n.put("dataset", data.dataset == null ? null : data.dataset.toAbsolutePath().toString());
        n.put("task", data.task);
        n.put("skip_bad", data.skipBad);
        n.put("search_fraction", data.searchFraction);
        n.put("synthetic_images", data.syntheticTrain);
        n.put("synthetic_val", data.syntheticVal);
        n.put("height", setup.height);
        n.put("width", setup.width);
        n.put("batch", batch);
        n.put("loader_threads", loaderThreads);
        n.put("latency_table", latencyTable == null ? null : latencyTable.toAbsolutePath().toString());
        n.put("measure_runs", measureRuns);
        n.put("device", device.device);
        n.put("dtype", precision.given() ? Precision.parse(precision.dtype).cliName() : null);
        n.put("latency", latencySource == null ? null : LatencyMeasuring.Source.parse(latencySource).name()
                .toLowerCase(Locale.ROOT));
        n.put("latency_batch", latencyBatch);
        n.set("latency_anchors", JSON.valueToTree(anchors));
        AtomicFiles.writeString(runDir.resolve(INPUTS_FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n));
    }

    private void loadInputs(Path runDir) throws IOException {
        Path file = runDir.resolve(INPUTS_FILE);
        if (!Files.exists(file)) {
            throw new InvalidInputException(runDir + ": no " + INPUTS_FILE + "; not a search run folder");
        }
        JsonNode n = JSON.readTree(file.toFile());
        weights = Path.of(n.get("weights").asText());
        data.dataset = n.get("dataset").isNull() ? null : Path.of(n.get("dataset").asText());
        data.task = n.get("task").isNull() ? null : n.get("task").asText();
        data.skipBad = n.get("skip_bad").asBoolean();
        data.searchFraction = n.get("search_fraction").asDouble();
        data.syntheticTrain = n.get("synthetic_images").asInt();
        data.syntheticVal = n.get("synthetic_val").asInt();
        resolution = new Resolution(n.get("height").asInt(), n.get("width").asInt());
        batch = n.get("batch").asInt();
        loaderThreads = n.get("loader_threads").asInt();
        // runs saved before latency tables existed have none of these
        latencyTable = n.path("latency_table").isTextual() ? Path.of(n.get("latency_table").asText()) : null;
        measureRuns = n.path("measure_runs").isInt() ? n.get("measure_runs").asInt() : null;
        device.device = n.path("device").isTextual() ? n.get("device").asText() : "cpu";
        precision.dtype = n.path("dtype").isTextual() ? n.get("dtype").asText() : null;
        latencySource = n.path("latency").isTextual() ? n.get("latency").asText() : null;
        latencyBatch = n.path("latency_batch").isInt() ? n.get("latency_batch").asInt() : 1;
        savedAnchors = n.path("latency_anchors").isArray() && !n.get("latency_anchors").isEmpty()
                ? List.of(JSON.treeToValue(n.get("latency_anchors"), LatencyTable.Check[].class)) : null;
    }
}
