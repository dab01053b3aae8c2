package org.sparsevit4j.app;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.evaluator.EvaluationResult;
import org.sparsevit4j.core.FileHash;
import org.sparsevit4j.evaluator.SplitEvaluator;
import org.sparsevit4j.profiler.LatencyTable;
import org.sparsevit4j.results.ClassIouTable;
import org.sparsevit4j.results.RunReport;
import org.sparsevit4j.search.ConfigEvaluator;
import org.sparsevit4j.search.CostObjective;
import org.sparsevit4j.search.EvolutionarySearch;
import org.sparsevit4j.search.GenerationReport;
import org.sparsevit4j.search.MacLimit;
import org.sparsevit4j.search.ProgressLogFormatter;
import org.sparsevit4j.search.SearchBudget;
import org.sparsevit4j.search.SearchListener;
import org.sparsevit4j.search.SearchResult;
import org.sparsevit4j.search.SearchSettings;
import org.sparsevit4j.supernet.data.Split;
import org.sparsevit4j.supernet.model.Precision;
import org.sparsevit4j.supernet.checkpoint.Checkpoints;

/**
 * The sparsity search of a supernet, run in a folder ({@link SearchInputs}, the search's state and
 * result files, the report), and its resumption from that folder alone. Call {@link Engines#start}
 * first.
 */
public final class Searches {

    /** A finished search: its folder, result, report and what was searched on. */
    public record Outcome(Path runDir, SearchResult result, String description, Path report,
            Optional<String> chartsMissing, Optional<String> skipped) {
    }

    private Searches() {
    }

    /** Runs {@code request} in {@code runDir}, which must not hold a search yet, on the engine's default device. */
    public static Outcome run(SearchRequest request, Path runDir, CacheSpec cache, Progress progress) {
        return run(request, runDir, DeviceList.engineDefault(), cache, progress);
    }

    /** Runs {@code request} in {@code runDir}, which must not hold a search yet, evaluating on {@code devices}. */
    public static Outcome run(SearchRequest request, Path runDir, DeviceList devices, CacheSpec cache,
            Progress progress) {
        return run(request, runDir, devices, null, cache, progress);
    }

    /**
     * As {@link #run(SearchRequest, Path, DeviceList, CacheSpec, Progress)}, with the evaluations done by the
     * service {@code remote} opens (a cluster; null: the devices' replicas), see {@link EvaluationService}.
     */
    public static Outcome run(SearchRequest request, Path runDir, DeviceList devices, EvaluationService.Remote remote,
            CacheSpec cache, Progress progress) {
        SearchRequest resolved = prepare(request, runDir);
        Precision inference = precision(resolved, progress);
        try (EvaluationDevices evaluation = EvaluationDevices.open(resolved.weights(), resolved.data(), Split.SEARCH,
                resolved.resolution(), resolved.batch(), resolved.loaderThreads(), cache, inference, devices, remote,
                progress)) {
            describe(evaluation, remote != null, progress);
            return execute(resolved, runDir, null, evaluation, progress);
        }
    }

    /**
     * Continues the search in {@code runDir} from its last saved generation, with its recorded request,
     * after checking that the checkpoint, the data and the latency table are those it started with.
     */
    public static Outcome resume(Path runDir, CacheSpec cache, Progress progress) {
        return resume(runDir, DeviceList.engineDefault(), cache, progress);
    }

    /** As {@link #resume(Path, CacheSpec, Progress)}, evaluating on {@code devices} (any: they change no result). */
    public static Outcome resume(Path runDir, DeviceList devices, CacheSpec cache, Progress progress) {
        return resume(runDir, devices, null, cache, progress);
    }

    /** As {@link #resume(Path, DeviceList, CacheSpec, Progress)}, evaluating through {@code remote} when not null. */
    public static Outcome resume(Path runDir, DeviceList devices, EvaluationService.Remote remote, CacheSpec cache,
            Progress progress) {
        SearchInputs inputs = recordedInputs(runDir);
        SearchRequest request = inputs.request();
        try (EvaluationDevices evaluation = EvaluationDevices.open(request.weights(), request.data(), Split.SEARCH,
                new Resolution(inputs.height(), inputs.width()), request.batch(), request.loaderThreads(), cache,
                precision(request, progress), devices, remote, progress)) {
            describe(evaluation, remote != null, progress);
            return execute(request, runDir, inputs, evaluation, progress);
        }
    }

    /**
     * Runs {@code request} in {@code runDir} on evaluation devices already open for its checkpoint, data,
     * resolution and precision, which several searches share (a batch job's targets).
     */
    public static Outcome runOn(EvaluationDevices evaluation, SearchRequest request, Path runDir, Progress progress) {
        SearchRequest resolved = prepare(request, runDir);
        precision(resolved, progress);
        return execute(resolved, runDir, null, evaluation, progress);
    }

    /** Continues the search in {@code runDir} on evaluation devices already open (see {@link #runOn}). */
    public static Outcome resumeOn(EvaluationDevices evaluation, Path runDir, Progress progress) {
        SearchInputs inputs = recordedInputs(runDir);
        precision(inputs.request(), progress);
        return execute(inputs.request(), runDir, inputs, evaluation, progress);
    }

    /** Names where evaluations run when that is not simply the engine's device: several replicas, or a remote. */
    private static void describe(EvaluationDevices evaluation, boolean remote, Progress progress) {
        if (evaluation.replicas() > 1 || remote) {
            progress.line("evaluating on " + evaluation.description());
        }
    }

    /**
     * Checks what can be checked before the model loads, and resolves the run folder of a supernet to
     * its checkpoint, so a resume loads this very file.
     */
    private static SearchRequest prepare(SearchRequest request, Path runDir) {
        if (request.weights() == null || runDir == null) {
            throw new InvalidInputException("give --weights SUPERNET and --out RUN_DIR (or --resume RUN_DIR)");
        }
        OutputPaths.requireWritableFolder(runDir, "--out");
        if (Files.exists(runDir.resolve(EvolutionarySearch.STATE_FILE))) {
            throw new InvalidInputException(runDir + ": already holds a search (" + EvolutionarySearch.STATE_FILE
                    + "); resume it or choose another run directory");
        }
        checkLatencyOptions(request);
        return withWeights(request, Checkpoints.resolve(request.weights()));
    }

    private static SearchInputs recordedInputs(Path runDir) {
        SearchInputs inputs = SearchInputs.read(runDir);
        if (!Files.isRegularFile(inputs.request().weights())) {
            throw new InvalidInputException(runDir.resolve(SearchInputs.FILE) + ": the checkpoint the search started "
                    + "with, " + inputs.request().weights() + ", is gone; it cannot be resumed against another");
        }
        checkLatencyOptions(inputs.request());
        return inputs;
    }

    /** The latency options of {@code request} fit together: a budget or cost in latency has a source of it. */
    public static void checkLatencyOptions(SearchRequest request) {
        SearchLatency.Source source = request.latency() == null ? null : SearchLatency.Source.parse(request.latency());
        if ((request.maxLatencyMs() != null || request.minLatencyMs() != null
                || "latency".equalsIgnoreCase(request.cost().strip()))
                && request.latencyTable() == null && source != SearchLatency.Source.MEASURE) {
            throw new InvalidInputException("a latency budget or --cost latency needs --latency-table T.json (build one "
                    + "on this device with sparsevit profile --build-table) or --latency measure");
        }
        if (request.latencyBatch() < 1) {
            throw new InvalidInputException("--latency-batch " + request.latencyBatch() + " must be at least 1");
        }
    }

    /** The inference precision, checked on the device latency is measured on. */
    private static Precision precision(SearchRequest request, Progress progress) {
        return Engines.precision(request.dtype(), Engines.device(request.device()), progress);
    }

    private static Outcome execute(SearchRequest request, Path runDir, SearchInputs recorded,
            EvaluationDevices evaluation, Progress progress) {
        SearchLatency.Source source = request.latency() == null ? null : SearchLatency.Source.parse(request.latency());
        Device target = Engines.device(request.device());
        Precision inference = Precision.parse(request.dtype());
        ModelSession session = evaluation.primary();
        if (!session.model().file().toAbsolutePath().equals(request.weights().toAbsolutePath())
                || session.model().model().precision() != inference) {
            throw new IllegalArgumentException("the evaluation devices hold " + session.model().file() + " in "
                    + session.model().model().precision().cliName() + ", the search asks for " + request.weights()
                    + " in " + inference.cliName());
        }
        session.dataNote().ifPresent(progress::line);
        String tableSha = request.latencyTable() == null ? null : FileHash.sha256(request.latencyTable());
        if (recorded != null) {
            List<String> differences = new ArrayList<>(recorded.differences(session.weightsSha256(),
                    session.source().identity(), tableSha));
            if (recorded.height() != session.height() || recorded.width() != session.width()) {
                differences.add("resolution: " + recorded.height() + "x" + recorded.width() + " vs " + session.height()
                        + "x" + session.width());
            }
            if (!differences.isEmpty()) {
                throw new InvalidInputException(runDir + ": cannot resume against other inputs than the search "
                        + "started with: " + String.join("; ", differences));
            }
        }
        ArchitectureSpec supernet = session.model().spec().arch();
        if (request.arch() != null && !ArchitectureSpec.preset(request.arch()).sameLayers(supernet)) {
            throw new InvalidInputException("--arch " + request.arch() + " does not match the supernet, "
                    + supernet.describeLayers());
        }
        // the latency side is opened after the evaluation devices and used only between their evaluations
        // (ReplicaPool returns with every replica idle), so it never times a device that is evaluating
        try (SearchLatency latency = SearchLatency.open(request.latencyTable(), source, request.measureRuns(),
                request.latencyBatch(), target, inference, session,
                recorded == null ? null : nullIfEmpty(recorded.latencyAnchors()), runDir)) {
            latency.warnings().forEach(progress::warning);
            progress.phase("search on " + session.description());
            if (latency.costModel() != null) {
                progress.line("latency: " + latency.costModel().description());
            }
            int planned = progressSteps(request.generations());
            int[] generationsDone = {recorded == null ? 0 : -1};
            int[] evaluated = {0};
            ConfigEvaluator fitness = evaluation.fitness(r -> {
                evaluated[0]++;
                progress.step(Math.max(0, generationsDone[0]), planned, String.format(Locale.ROOT,
                        "%sevaluation %d: %s %.4f%s", generationsDone[0] == planned - 1 ? "baselines, " : "",
                        evaluated[0], r.metricName(), r.metric(), r.cached() ? " (cached)" : ""));
            });
            SearchListener listener = new SearchListener() {
                @Override
                public void onGeneration(GenerationReport report) {
                    generationsDone[0] = report.generation() + 1;
                    progress.step(generationsDone[0], planned, "generation " + report.generation());
                    progress.line(ProgressLogFormatter.format(report));
                }

                @Override
                public void onWarning(String message) {
                    progress.warning(message);
                }

                @Override
                public void onPhase(String message) {
                    progress.line(message);
                }
            };
            SearchResult result;
            if (recorded != null) {
                result = EvolutionarySearch.resume(runDir, fitness, latency.costModel(), latency.meter(), listener);
            } else {
                SearchSettings settings = settings(request, supernet, session.height(), session.width());
                EvolutionarySearch.checkBudget(settings, latency.costModel()).forEach(progress::warning);
                new SearchInputs(SearchInputs.FORMAT, request, session.height(), session.width(),
                        session.weightsSha256(), session.source().identity(), tableSha, latency.anchors())
                        .write(runDir);
                result = EvolutionarySearch.run(settings, fitness, latency.costModel(), latency.meter(), runDir,
                        listener);
            }
            if (session.evaluator().isSegmentation()) {
                classIou(evaluation, result).write(runDir);
            }
            RunReport.Written page = RunReport.writeReport(runDir);
            progress.step(planned, planned, "done");
            return new Outcome(runDir, result, session.description(), page.report(), page.chartsMissing(),
                    session.skippedNote());
        }
    }

    /**
     * The steps a search reports to its {@link Progress}: the initial population, each generation, and
     * last the baselines and result files, which end when the search returns.
     */
    public static int progressSteps(int generations) {
        return generations + 2;
    }

    /**
     * Per-class IoU of the chosen configuration and, when the search evaluated it (its baselines
     * do), of the dense model, for the report; both come from the evaluator's cache.
     */
    private static ClassIouTable classIou(EvaluationDevices evaluation, SearchResult result) {
        ModelSession session = evaluation.primary();
        SplitEvaluator evaluator = session.evaluator();
        SparsityConfig chosen = result.best().config();
        SparsityConfig dense = SparsityConfig.dense(session.model().spec().arch());
        List<SparsityConfig> shown = !chosen.isDense() && evaluator.isCached(dense) ? List.of(chosen, dense)
                : List.of(chosen);
        // from the cache, through the replicas all the same: evaluations run on their threads only
        List<EvaluationResult> results = evaluation.evaluateAll(shown, r -> { });
        List<ClassIouTable.Column> columns = new ArrayList<>();
        columns.add(column("chosen", results.get(0)));
        if (results.size() > 1) {
            columns.add(column("dense", results.get(1)));
        }
        return new ClassIouTable(evaluator.splitName(), session.source().classNames(), columns);
    }

    private static ClassIouTable.Column column(String name, EvaluationResult r) {
        return new ClassIouTable.Column(name, r.config().compact(), r.miou(), r.classIou());
    }

    /** The search settings of {@code r} on {@code supernet} at {@code height x width}; bad settings are bad input. */
    public static SearchSettings settings(SearchRequest r, ArchitectureSpec supernet, int height, int width) {
        if (r.maxMacs() == null && r.maxLatencyMs() == null) {
            throw new InvalidInputException("give a budget: --max-macs 0.6x (a fraction of dense), --max-macs 3.2 "
                    + "(GMACs) or --max-latency-ms MS with --latency-table");
        }
        return SearchSettings.builder(supernet, height, width)
                .population(r.population())
                .generations(r.generations())
                .granularity(Granularity.parse(r.granularity()))
                .seed(r.seed())
                .budget(new SearchBudget(r.maxMacs() == null ? null : MacLimit.parse(r.maxMacs()), r.maxLatencyMs(),
                        r.minLatencyMs()))
                .costObjective(CostObjective.parse(r.cost()))
                .pareto(r.pareto())
                .build();
    }

    private static SearchRequest withWeights(SearchRequest r, Path weights) {
        return new SearchRequest(weights.toAbsolutePath(), r.arch(), r.data().pinned(), r.resolution(), r.maxMacs(),
                r.maxLatencyMs(), r.minLatencyMs(), r.cost(), r.latencyTable() == null ? null
                : r.latencyTable().toAbsolutePath(), r.latency(), r.latencyBatch(), r.measureRuns(), r.device(), r.dtype(),
                r.pareto(), r.generations(), r.population(), r.granularity(), r.seed(), r.batch(), r.loaderThreads());
    }

    private static List<LatencyTable.Check> nullIfEmpty(List<LatencyTable.Check> anchors) {
        return anchors.isEmpty() ? null : anchors;
    }
}
