package org.sparsevit4j.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.Json;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SparsityConfigJson;
import org.sparsevit4j.core.WindowGrid;
import org.sparsevit4j.evaluator.EvaluationResult;
import org.sparsevit4j.profiler.DeviceFingerprint;
import org.sparsevit4j.profiler.LatencyTable;
import org.sparsevit4j.profiler.LatencyTableJson;
import org.sparsevit4j.results.AblationReport;
import org.sparsevit4j.results.AblationResult;
import org.sparsevit4j.results.AblationResult.Budget;
import org.sparsevit4j.results.AblationResult.ConfigPoint;
import org.sparsevit4j.results.AblationResult.CurvePoint;
import org.sparsevit4j.results.AblationResult.ResolutionPoint;
import org.sparsevit4j.results.AblationResult.SeedRun;
import org.sparsevit4j.results.AblationResult.Stat;
import org.sparsevit4j.results.AblationSummary;
import org.sparsevit4j.search.BaselineResult;
import org.sparsevit4j.search.BuildInfo;
import org.sparsevit4j.search.Candidate;
import org.sparsevit4j.search.EvolutionarySearch;
import org.sparsevit4j.search.MacLimit;
import org.sparsevit4j.search.SearchBudget;
import org.sparsevit4j.search.SearchSettings;
import org.sparsevit4j.search.SearchResult;
import org.sparsevit4j.supernet.checkpoint.SaaRecipe;
import org.sparsevit4j.supernet.data.Split;
import org.sparsevit4j.supernet.model.SwinSegmenter;
import org.sparsevit4j.supernet.train.SupernetTrainer;

/**
 * The paper's four claims measured on one dataset, each step the application's own operation in its
 * own folder under {@code out}:
 *
 * <ol>
 *   <li>a supernet by sparsity-aware adaptation ({@code supernet/}) and, with the same steps, data and
 *       seed, a model trained dense ({@code dense-trained/});</li>
 *   <li>(a) both at uniform sparsity 0 to 0.8 on val;</li>
 *   <li>(b, c) a search per budget and seed ({@code search/b0.5-s1/}, ...) on the search split, each
 *       with its random search of as many evaluations; the chosen configuration and random search's
 *       best are then evaluated on val, and compared there with the best uniform configuration within
 *       the budget, which val decides;</li>
 *   <li>(d) the supernet run dense on the input downsampled to the resolution whose dense MACs do not
 *       exceed each chosen configuration's, its logits upsampled to the labels.</li>
 * </ol>
 *
 * <p>Run again with the same folder and request, it continues: trainings resume from their
 * checkpoints, searches from their state, evaluations (the downsampled ones too) come from the folder's
 * result cache. Writes {@code ablation.json} and
 * {@code ablation.html}.
 */
public final class Ablations {

    /** The request an ablation folder was started with. */
    public static final String REQUEST_FILE = "ablation-request.json";
    private static final int STEPS = 6;

    /** The result, and where its files are. */
    public record Outcome(AblationResult result, Path json, Path html, double wallSeconds) {
    }

    private Ablations() {
    }

    public static Outcome run(AblationRequest r, Progress progress) {
        long start = System.nanoTime();
        OutputPaths.requireWritableFolder(r.out(), "--out");
        ArchitectureSpec arch = ArchitectureSpec.preset(r.arch());
        LatencyTable table = r.latencyTable() == null ? null : LatencyTableJson.read(r.latencyTable());
        if (table != null && !table.arch().sameLayers(arch)) {
            throw new InvalidInputException(r.latencyTable() + ": a table of " + table.arch().describeLayers()
                    + ", not of " + arch.describeLayers());
        }
        if (table != null && (table.input().height() != r.resolution().height()
                || table.input().width() != r.resolution().width())) {
            throw new InvalidInputException(r.latencyTable() + ": a table of " + table.input().resolution()
                    + " inputs; the ablation runs at " + r.resolution() + " (--resolution)");
        }
        AblationCosts costs = new AblationCosts(arch, r.resolution(), table);
        requireFeasibleBudgets(r, costs);
        requireSameRequest(r);
        Path out = r.out();
        Path supernet = out.resolve("supernet");
        Path denseTrained = out.resolve("dense-trained");
        CacheSpec cache = new CacheSpec(out.resolve("cache"), false);
        TrainingProgress training = new TrainingProgress(progress);

        progress.phase(step(1, "sparsity-aware training of " + r.arch() + " (" + r.trainSteps() + " steps)"));
        train(r, supernet, null, training);
        progress.phase(step(2, "dense training of " + r.arch() + ", the same steps, data and seed"));
        Path denseConfig = out.resolve("dense-config.json");
        SparsityConfigJson.write(SparsityConfig.dense(arch), denseConfig);
        train(r, denseTrained, denseConfig, training);

        List<SearchRun> searches = new ArrayList<>();
        int total = r.budgets().size() * r.seeds();
        for (double fraction : r.budgets()) {
            for (int s = 1; s <= r.seeds(); s++) {
                progress.phase(step(3, String.format(Locale.ROOT, "search %d of %d: budget %sx dense %s, seed %d",
                        searches.size() + 1, total, fraction, table == null ? "MACs" : "latency", s)));
                searches.add(search(r, supernet, costs, fraction, s, cache, progress));
            }
        }

        progress.phase(step(4, "evaluating on val: uniform sparsity of both models, the chosen configurations and "
                + "random search's best"));
        List<Double> levels = new ArrayList<>();
        for (int level = 0; level <= WindowGrid.MAX_LEVEL; level++) {
            levels.add(level / 10.0);
        }
        List<Path> files = new ArrayList<>();
        searches.forEach(s -> files.addAll(List.of(s.chosenFile(), s.randomFile())));
        Evaluations.Outcome onVal = Evaluations.run(new EvaluateRequest(supernet, r.data(), Split.VAL, null,
                r.evalBatch(), r.loaderThreads(), cache, null, files, levels), progress);
        List<EvaluationResult> denseCurve = Evaluations.run(new EvaluateRequest(denseTrained, r.data(), Split.VAL,
                null, r.evalBatch(), r.loaderThreads(), cache, null, List.of(), levels), progress).results();
        List<EvaluationResult> supernetCurve = onVal.results().subList(files.size(), files.size() + levels.size());

        progress.phase(step(5, "the input downsampled to the chosen configurations' MACs"));
        Downsampling downsampling = downsample(r, arch, supernet, searches, costs, cache, progress);

        progress.phase(step(6, "writing ablation.json and ablation.html"));
        List<CurvePoint> saaPoints = curve(supernetCurve, costs);
        List<Budget> budgets = new ArrayList<>();
        for (double fraction : r.budgets()) {
            List<SeedRun> runs = new ArrayList<>();
            for (int i = 0; i < searches.size(); i++) {
                SearchRun s = searches.get(i);
                if (s.fraction() == fraction) {
                    runs.add(new SeedRun(s.seed(), point(s.chosen(), onVal.results().get(2 * i), costs),
                            point(s.random(), onVal.results().get(2 * i + 1), costs), s.evaluations(),
                            downsampling.perSearch().get(i)));
                }
            }
            budgets.add(budget(fraction, costs, runs, saaPoints));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        AblationResult result = new AblationResult(AblationResult.FORMAT, supernetCurve.get(0).metricName(),
                onVal.description(), r.resolution().height(), r.resolution().width(), costs.denseMacs(),
                table == null ? "macs" : "latency",
                new AblationResult.Curves(saaPoints, curve(denseCurve, costs), r.trainSteps()), budgets,
                downsampling.curve(), settings(r), provenance(seconds));
        AblationReport.Written written = AblationReport.write(out, result);
        written.chartsMissing().ifPresent(progress::warning);
        return new Outcome(result, written.json(), written.html(), seconds);
    }

    private static String step(int i, String what) {
        return "ablation step " + i + "/" + STEPS + ": " + what;
    }

    /** A new or resumed training run: SAA when {@code config} is null, else fixed at that configuration. */
    private static void train(AblationRequest r, Path runDir, Path config, TrainingProgress listener) {
        if (SupernetTrainer.holdsRun(runDir)) {
            Trainings.resume(runDir, null, listener);
            return;
        }
        Trainings.run(new TrainRequest(r.arch(), r.data(), r.resolution(), null, runDir, r.trainSteps(), 0, r.batch(),
                r.learningRate(), Trainings.DEFAULT_MIN_LEARNING_RATE, Math.min(Trainings.DEFAULT_WARMUP,
                r.trainSteps()), 0.05, 1.0, r.seed(), 100, SwinSegmenter.DEFAULT_DECODER_DIM, r.loaderThreads(),
                new SaaRecipe(false, r.distill()),
                Granularity.PAIR, config, r.loss()), listener);
    }

    /** One finished search: its budget, seed, choice and random search's best, their files. */
    private record SearchRun(double fraction, int seed, Candidate chosen, Candidate random, int evaluations,
            Path chosenFile, Path randomFile) {
    }

    private static SearchRun search(AblationRequest r, Path supernet, AblationCosts costs, double fraction, int seed,
            CacheSpec cache, Progress progress) {
        Path dir = r.out().resolve("search").resolve(String.format(Locale.ROOT, "b%s-s%d", fraction, seed));
        Searches.Outcome outcome;
        if (Files.isRegularFile(dir.resolve(EvolutionarySearch.STATE_FILE))) {
            outcome = Searches.resume(dir, cache, progress);
        } else {
            boolean latency = costs.table() != null;
            outcome = Searches.run(new SearchRequest(supernet, null, r.data(), null,
                    latency ? null : AblationRequest.macBudget(fraction),
                    latency ? costs.latencyBudget(fraction) : null, null, latency ? "latency" : "macs",
                    r.latencyTable(), null, 1, null, "cpu", null, false, r.generations(), r.population(), "pair", seed,
                    r.evalBatch(), r.loaderThreads()), dir, cache, progress);
        }
        SearchResult result = outcome.result();
        BaselineResult baselines = result.baselines();
        if (baselines == null || baselines.bestRandom() == null) {
            throw new InvalidInputException(dir + ": the search has no random search to compare with");
        }
        Path randomFile = dir.resolve("random-best-config.json");
        SparsityConfigJson.write(baselines.bestRandom().config(), randomFile);
        return new SearchRun(fraction, seed, result.best(), baselines.bestRandom(), result.uniqueEvaluations(),
                dir.resolve("best-config.json"), randomFile);
    }

    /** The downsampled points: one per search (at its chosen configuration's MACs) and a curve. */
    private record Downsampling(List<ResolutionPoint> perSearch, List<ResolutionPoint> curve) {
    }

    private static Downsampling downsample(AblationRequest r, ArchitectureSpec arch, Path supernet,
            List<SearchRun> searches, AblationCosts costs, CacheSpec cache, Progress progress) {
        List<Long> ceilings = new ArrayList<>();
        searches.forEach(s -> ceilings.add(s.chosen().costs().macs()));
        // and a curve: at the MACs of uniform sparsity 0.1 to 0.8, on the same axis as the other points
        for (int level = 1; level <= WindowGrid.MAX_LEVEL; level++) {
            ceilings.add(costs.macs(SparsityConfig.uniform(arch, level / 10.0)));
        }
        List<ResolutionPoint> points = Downsamplings.evaluate(supernet, r.data(), arch, r.resolution(), r.evalBatch(),
                r.loaderThreads(), cache, ceilings, progress).stream().map(p -> new ResolutionPoint(p.height(), p.width(), p.macs(),
                        (double) p.macs() / costs.denseMacs(), p.metric())).toList();
        List<ResolutionPoint> curve = new ArrayList<>(new java.util.LinkedHashSet<>(points));
        curve.sort(java.util.Comparator.comparingLong(ResolutionPoint::macs));
        return new Downsampling(points.subList(0, searches.size()), curve);
    }

    private static List<CurvePoint> curve(List<EvaluationResult> results, AblationCosts costs) {
        List<CurvePoint> points = new ArrayList<>();
        for (EvaluationResult e : results) {
            long macs = costs.macs(e.config());
            points.add(new CurvePoint(e.config().ratio(0, 0), macs, (double) macs / costs.denseMacs(),
                    costs.latencyMs(e.config()), e.metric()));
        }
        return points;
    }

    private static ConfigPoint point(Candidate c, EvaluationResult val, AblationCosts costs) {
        long macs = costs.macs(c.config());
        return new ConfigPoint(c.config().ratios(), macs, (double) macs / costs.denseMacs(),
                costs.latencyMs(c.config()), c.metric(), val.metric());
    }

    /** A budget's comparison over its seeds; the best uniform configuration within it is decided on val. */
    private static Budget budget(double fraction, AblationCosts costs, List<SeedRun> runs, List<CurvePoint> uniform) {
        CurvePoint bestUniform = null;
        for (CurvePoint p : uniform) {
            if (costs.within(fraction, p.macs(), p.latencyMs()) && (bestUniform == null
                    || p.metric() > bestUniform.metric())) {
                bestUniform = p;
            }
        }
        ConfigPoint best = bestUniform == null ? null : new ConfigPoint(
                SparsityConfig.uniform(costs.arch(), bestUniform.ratio()).ratios(), bestUniform.macs(),
                bestUniform.macFraction(), bestUniform.latencyMs(), null, bestUniform.metric());
        List<Double> chosen = runs.stream().map(s -> s.chosen().metric()).toList();
        List<Double> random = runs.stream().map(s -> s.random().metric()).toList();
        List<SeedRun> reachable = runs.stream().filter(AblationSummary::downsamplingReaches).toList();
        List<Double> down = reachable.stream().map(s -> s.downsampled().metric()).toList();
        double uniformMetric = best == null ? Double.NaN : best.metric();
        return new Budget(fraction, costs.table() == null ? costs.maxMacs(fraction) : null,
                costs.table() == null ? null : costs.latencyBudget(fraction), runs, best, Stat.of(chosen),
                Stat.of(random), Stat.of(down), Stat.of(chosen.stream().map(m -> m - uniformMetric).toList()),
                Stat.of(runs.stream().map(s -> s.chosen().metric() - s.random().metric()).toList()),
                Stat.of(reachable.stream().map(s -> s.chosen().metric() - s.downsampled().metric()).toList()));
    }

    /** Every budget must admit a configuration; found now, not after an hour of training. */
    private static void requireFeasibleBudgets(AblationRequest r, AblationCosts costs) {
        SparsityConfig sparsest = SparsityConfig.uniform(costs.arch(), WindowGrid.MAX_LEVEL / 10.0);
        for (double fraction : r.budgets()) {
            if (costs.table() == null) {
                EvolutionarySearch.checkBudget(SearchSettings.builder(costs.arch(), r.resolution().height(),
                        r.resolution().width()).budget(SearchBudget.ofMacs(MacLimit.parse(AblationRequest.macBudget(
                        fraction)))).build(), null);
            } else if (costs.latencyMs(sparsest) > costs.latencyBudget(fraction)) {
                throw new InvalidInputException(String.format(Locale.ROOT, "--budgets %s: %.2f ms, %s of the table's "
                        + "dense latency, is below what the sparsest configuration takes (%.2f ms)", fraction,
                        costs.latencyBudget(fraction), fraction, costs.latencyMs(sparsest)));
            }
        }
    }

    /** An ablation folder holds one request; another one there would mix results of different settings. */
    private static void requireSameRequest(AblationRequest r) {
        Path file = r.out().resolve(REQUEST_FILE);
        String now = Json.write(r);
        if (Files.isRegularFile(file)) {
            String recorded;
            try {
                recorded = Files.readString(file);
            } catch (java.io.IOException e) {
                throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")", e);
            }
            if (!recorded.equals(now)) {
                throw new InvalidInputException(r.out() + " holds an ablation with other settings (" + REQUEST_FILE
                        + "); continue it with the same options or choose another --out");
            }
            return;
        }
        OutputPaths.createFolder(r.out(), "--out");
        org.sparsevit4j.core.AtomicFiles.writeString(file, now);
    }

    private static Map<String, Object> settings(AblationRequest r) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = Json.MAPPER.convertValue(r, LinkedHashMap.class);
        return m;
    }

    private static Map<String, Object> provenance(double seconds) {
        Map<String, Object> p = new LinkedHashMap<>();
        DeviceFingerprint machine = DeviceFingerprint.current(ai.djl.Device.cpu());
        p.put("tool", "sparsevit4j " + BuildInfo.version());
        p.put("gitCommit", BuildInfo.gitCommit());
        p.put("gitDirty", BuildInfo.gitDirty());
        p.put("machine", machine.describe());
        p.put("cpu", machine.cpuModel());
        p.put("logicalCores", Runtime.getRuntime().availableProcessors());
        p.put("os", machine.os());
        p.put("java", machine.java());
        p.put("djl", machine.djlVersion());
        p.put("finished", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        p.put("wallSeconds", Math.round(seconds));
        return p;
    }
}
