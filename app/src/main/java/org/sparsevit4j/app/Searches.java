package org.sparsevit4j.app;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.evaluator.EvaluationResult;
import org.sparsevit4j.core.FileHash;
import org.sparsevit4j.evaluator.SplitEvaluator;
import org.sparsevit4j.evaluator.SplitFitness;
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
import org.sparsevit4j.supernet.train.Checkpoints;

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

    /** Runs {@code request} in {@code runDir}, which must not hold a search yet. */
    public static Outcome run(SearchRequest request, Path runDir, CacheSpec cache, Progress progress) {
        return run(request, runDir, cache, null, progress);
    }

    /**
     * As {@link #run(SearchRequest, Path, CacheSpec, Progress)}, with the new configurations evaluated by
     * {@code cluster} (null: here); the files written are the same.
     */
    public static Outcome run(SearchRequest request, Path runDir, CacheSpec cache, ClusterEvaluation cluster,
            Progress progress) {
        if (request.weights() == null || runDir == null) {
            throw new InvalidInputException("give --weights SUPERNET and --out RUN_DIR (or --resume RUN_DIR)");
        }
        OutputPaths.requireWritableFolder(runDir, "--out");
        if (Files.exists(runDir.resolve(EvolutionarySearch.STATE_FILE))) {
            throw new InvalidInputException(runDir + ": already holds a search (" + EvolutionarySearch.STATE_FILE
                    + "); resume it or choose another run directory");
        }
        // the run folder of a supernet is resolved to its checkpoint now, so a resume loads this very file
        SearchRequest resolved = withWeights(request, Checkpoints.resolve(request.weights()));
        return execute(resolved, runDir, null, cache, cluster, progress);
    }

    /**
     * Continues the search in {@code runDir} from its last saved generation, with its recorded request,
     * after checking that the checkpoint, the data and the latency table are those it started with.
     */
    public static Outcome resume(Path runDir, CacheSpec cache, Progress progress) {
        return resume(runDir, cache, null, progress);
    }

    /** As {@link #resume(Path, CacheSpec, Progress)}, with the new configurations evaluated by {@code cluster}. */
    public static Outcome resume(Path runDir, CacheSpec cache, ClusterEvaluation cluster, Progress progress) {
        SearchInputs inputs = SearchInputs.read(runDir);
        if (!Files.isRegularFile(inputs.request().weights())) {
            throw new InvalidInputException(runDir.resolve(SearchInputs.FILE) + ": the checkpoint the search started "
                    + "with, " + inputs.request().weights() + ", is gone; it cannot be resumed against another");
        }
        return execute(inputs.request(), runDir, inputs, cache, cluster, progress);
    }

    private static Outcome execute(SearchRequest request, Path runDir, SearchInputs recorded, CacheSpec cache,
            ClusterEvaluation cluster, Progress progress) {
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
        Device target = Engines.device(request.device());
        Precision inference = Engines.precision(request.dtype(), target, progress);
        Resolution resolution = recorded != null ? new Resolution(recorded.height(), recorded.width())
                : request.resolution();
        try (ModelSession session = ModelSession.open(request.weights(), request.data(), Split.SEARCH, resolution,
                request.batch(), request.loaderThreads(), cache, inference)) {
            session.dataNote().ifPresent(progress::line);
            String tableSha = request.latencyTable() == null ? null : FileHash.sha256(request.latencyTable());
            if (recorded != null) {
                List<String> differences = recorded.differences(session.weightsSha256(), session.source().identity(),
                        tableSha);
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
            try (SearchLatency latency = SearchLatency.open(request.latencyTable(), source, request.measureRuns(),
                    request.latencyBatch(), target, inference, session,
                    recorded == null ? null : nullIfEmpty(recorded.latencyAnchors()), runDir)) {
                latency.warnings().forEach(progress::warning);
                progress.phase("search on " + session.description());
                if (latency.costModel() != null) {
                    progress.line("latency: " + latency.costModel().description());
                }
                int planned = request.generations() + 1;
                int[] generationsDone = {recorded == null ? 0 : -1};
                int[] evaluated = {0};
                Consumer<EvaluationResult> observer = r -> {
                    evaluated[0]++;
                    progress.step(Math.max(0, generationsDone[0]), planned, String.format(Locale.ROOT,
                            "evaluation %d: %s %.4f%s", evaluated[0], r.metricName(), r.metric(),
                            r.cached() ? " (cached)" : ""));
                };
                ConfigEvaluator fitness;
                if (cluster == null) {
                    fitness = new SplitFitness(session.evaluator(), session.description(), session.provenance(),
                            observer);
                } else {
                    progress.line("evaluating on " + cluster.description());
                    fitness = cluster.fitness(session, observer);
                }
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
                    classIou(session, result).write(runDir);
                }
                RunReport.Written page = RunReport.writeReport(runDir);
                return new Outcome(runDir, result, session.description(), page.report(), page.chartsMissing(),
                        session.skippedNote());
            }
        }
    }

    /**
     * Per-class IoU of the chosen configuration and, when the search evaluated it (its baselines
     * do), of the dense model, for the report; both come from the evaluator's cache.
     */
    private static ClassIouTable classIou(ModelSession session, SearchResult result) {
        SplitEvaluator evaluator = session.evaluator();
        List<ClassIouTable.Column> columns = new ArrayList<>();
        SparsityConfig chosen = result.best().config();
        columns.add(column("chosen", evaluator.evaluate(chosen)));
        SparsityConfig dense = SparsityConfig.dense(session.model().spec().arch());
        if (!chosen.isDense() && evaluator.isCached(dense)) {
            columns.add(column("dense", evaluator.evaluate(dense)));
        }
        return new ClassIouTable(evaluator.splitName(), session.source().classNames(), columns);
    }

    private static ClassIouTable.Column column(String name, EvaluationResult r) {
        return new ClassIouTable.Column(name, r.config().compact(), r.miou(), r.classIou());
    }

    private static SearchSettings settings(SearchRequest r, ArchitectureSpec supernet, int height, int width) {
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
