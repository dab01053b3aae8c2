package org.sparsevit4j.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.core.Json;
import org.sparsevit4j.core.MachineFailureException;
import org.sparsevit4j.core.MacCounter;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SparsityConfigJson;
import org.sparsevit4j.core.WindowGrid;
import org.sparsevit4j.evaluator.EvaluationResult;
import org.sparsevit4j.profiler.MeasurementPlan;
import org.sparsevit4j.profiler.LatencyResult;
import org.sparsevit4j.profiler.LatencyTableBuilder;
import org.sparsevit4j.search.BaselineResult;
import org.sparsevit4j.search.EvolutionarySearch;
import org.sparsevit4j.search.MacLimit;
import org.sparsevit4j.search.SearchBudget;
import org.sparsevit4j.search.SearchSettings;
import org.sparsevit4j.supernet.data.Split;
import org.sparsevit4j.supernet.data.SyntheticKind;
import org.sparsevit4j.supernet.data.Task;
import org.sparsevit4j.supernet.model.SwinSegmenter;
import org.sparsevit4j.supernet.checkpoint.SaaRecipe;
import org.sparsevit4j.supernet.checkpoint.SegmentationLoss;
import org.sparsevit4j.supernet.train.SupernetTrainer;

/**
 * The whole method end to end on the built-in scenes, each step the application's own operation in
 * its own folder under the demo's: the latency table of a small segmenting Swin, its sparsity-aware
 * training, a Pareto search under a MAC budget, fine-tuning of the chosen configuration, and the
 * comparison on val of the dense model, the chosen configuration, the best uniform configuration and
 * random search's best within the chosen configuration's MACs, and the input downsampled to them. Run again in the same folder, it continues where it stopped (finished steps are kept).
 */
public final class Demo {

    public static final String ARCH = "swin_micro";
    public static final String SUMMARY = "demo-summary.json";

    /** One row of the final table. */
    public record Row(String model, SparsityConfig config, double miou, long macs, double macFraction,
            double latencyMs) {
    }

    /** The table, the search's folder, and where the demo wrote. */
    public record Outcome(List<Row> rows, Path out, Path search, Optional<Path> report) {
    }

    private Demo() {
    }

    public static Outcome run(DemoRequest r, Progress progress) {
        long start = System.nanoTime();
        OutputPaths.requireWritableFolder(r.out(), "--out");
        ArchitectureSpec arch = ArchitectureSpec.preset(ARCH);
        Resolution size = r.resolution();
        // an impossible budget fails now, not after the training
        EvolutionarySearch.checkBudget(SearchSettings.builder(arch, size.height(), size.width())
                .budget(SearchBudget.ofMacs(MacLimit.parse(r.maxMacs()))).build(), null);
        Path out = r.out();
        // the latency table is the first file written, straight into the folder
        OutputPaths.createFolder(out, "--out");
        DataSpec data = new DataSpec(null, null, null, false, 0.1, r.syntheticImages(), r.syntheticVal(),
                SyntheticKind.BENCHMARK);
        Path supernet = out.resolve("supernet");
        Path table = out.resolve("latency-table.json");
        Path search = out.resolve("search");
        Path finetuned = out.resolve("finetuned");
        CacheSpec cache = new CacheSpec(out.resolve("cache"), false);

        // the table first: it times the machine, best done before training has filled the heap and the caches
        progress.phase("demo step 1/5: latency table of " + ARCH + " at " + size + " on this machine");
        if (!Files.isRegularFile(table)) {
            ModelChoice segmenter = new ModelChoice(ARCH, Task.SEGMENTATION.cliName(),
                    SyntheticKind.BENCHMARK.classCount(Task.SEGMENTATION), null);
            Latencies.buildTable(new TimingSpec(segmenter, size, 1, null, "cpu", MeasurementPlan.of(3, 20)),
                    LatencyTableBuilder.DEFAULT_RANDOM_CONTEXTS, table, progress);
        }

        progress.phase("demo step 2/5: sparsity-aware training of " + ARCH + " (" + r.trainSteps() + " steps)");
        TrainingProgress training = new TrainingProgress(progress);
        if (SupernetTrainer.holdsRun(supernet)) {
            Trainings.resume(supernet, null, training);
        } else {
            Trainings.run(new TrainRequest(ARCH, data, size, null, supernet, r.trainSteps(), 0, 8, 1e-3, 1e-5, 50, 0.05,
                    1.0, r.seed(), 100, SwinSegmenter.DEFAULT_DECODER_DIM, 1, Trainings.SHORT_RUN_RECIPE,
                    Granularity.PAIR, null, SegmentationLoss.PLAIN), training);
        }

        progress.phase("demo step 3/5: Pareto search under " + r.maxMacs() + " dense MACs (" + r.generations()
                + " generations of " + r.population() + ")");
        Searches.Outcome searched = Files.isRegularFile(search.resolve(EvolutionarySearch.STATE_FILE))
                ? Searches.resume(search, cache, progress)
                : Searches.run(new SearchRequest(supernet, null, data, null, r.maxMacs(), null, null, "macs", table, null,
                        1, 10, "cpu", null, true, r.generations(), r.population(), "pair", r.seed(), 8, 1), search, cache,
                        progress);
        Path chosenFile = search.resolve("best-config.json");
        SparsityConfig chosen = SparsityConfigJson.read(chosenFile, arch);
        BaselineResult baselines = searched.result().baselines();
        if (baselines == null || baselines.bestRandom() == null) {
            throw new MachineFailureException(search + ": the search ran no random search to compare with");
        }
        SparsityConfig random = baselines.bestRandom().config();
        Path randomFile = out.resolve("random-best-config.json");
        SparsityConfigJson.write(random, randomFile);

        progress.phase("demo step 4/5: fine-tuning the chosen configuration (" + r.finetuneSteps() + " steps)");
        if (SupernetTrainer.holdsRun(finetuned)) {
            Trainings.resume(finetuned, null, training);
        } else {
            Trainings.run(new TrainRequest(ARCH, data, size, supernet, finetuned, r.finetuneSteps(), 0, 8, 2e-4, 1e-5, 10,
                    0.05, 1.0, r.seed(), 50, SwinSegmenter.DEFAULT_DECODER_DIM, 1, SaaRecipe.PAPER, Granularity.PAIR, chosenFile,
                    SegmentationLoss.PLAIN),
                    training);
        }

        progress.phase("demo step 5/5: evaluating on val: dense, chosen, the best uniform configuration and random "
                + "search's best within the chosen MACs, the input downsampled to them; measuring latency");
        long chosenMacs = macs(arch, size, chosen);
        List<Double> levels = new ArrayList<>();
        for (int level = 0; level <= WindowGrid.MAX_LEVEL; level++) {
            levels.add(level / 10.0);
        }
        // rows 0 and 1: chosen and random search's best; then uniform 0 (dense) to 0.8
        List<EvaluationResult> onVal = Evaluations.run(new EvaluateRequest(supernet, DataSpec.builtIn(), Split.VAL, null,
                8, 1, cache, null, List.of(chosenFile, randomFile), levels), progress).results();
        EvaluationResult bestUniform = bestUniformWithin(arch, size, onVal.subList(2, onVal.size()), chosenMacs);
        EvaluationResult finetunedRow = Evaluations.run(new EvaluateRequest(finetuned, DataSpec.builtIn(),
                Split.VAL, null, 8, 1, cache, null, List.of(), List.of()), progress).results().get(0);
        Downsamplings.Point down = Downsamplings.evaluate(supernet, DataSpec.builtIn(), arch, size, 8, 1, cache,
                List.of(chosenMacs), progress).get(0);
        Resolution low = new Resolution(down.height(), down.width());
        SparsityConfig dense = SparsityConfig.dense(arch);
        List<LatencyResult> latency = Latencies.measure(supernet, size, List.of(dense, chosen, bestUniform.config(),
                random), MeasurementPlan.of(3, 15));
        LatencyResult lowLatency = Latencies.measure(supernet, low, List.of(dense), MeasurementPlan.of(3, 15)).get(0);
        long denseMacs = macs(arch, size, dense);
        List<Row> rows = List.of(
                row("dense (supernet)", dense, onVal.get(2).miou(), denseMacs, latency.get(0)),
                row("chosen (supernet)", chosen, onVal.get(0).miou(), denseMacs, latency.get(1)),
                row("chosen (fine-tuned)", chosen, finetunedRow.miou(), denseMacs, latency.get(1)),
                row("best uniform " + bestUniform.config().ratio(0, 0), bestUniform.config(), bestUniform.miou(),
                        denseMacs, latency.get(2)),
                row("random search's best", random, onVal.get(1).miou(), denseMacs, latency.get(3)),
                row("dense at " + low + (down.macs() > chosenMacs ? " (over the MACs)" : ""), dense, down.metric(),
                        denseMacs, lowLatency));
        writeSummary(out, rows, r, (System.nanoTime() - start) / 1e9);
        Path report = search.resolve("report.html");
        return new Outcome(rows, out, search, Files.isRegularFile(report) ? Optional.of(report) : Optional.empty());
    }

    /** The best uniform configuration on val whose MACs do not exceed {@code ceiling}; the sparsest when none. */
    private static EvaluationResult bestUniformWithin(ArchitectureSpec arch, Resolution size,
            List<EvaluationResult> uniform, long ceiling) {
        EvaluationResult best = null;
        for (EvaluationResult e : uniform) {
            if (macs(arch, size, e.config()) <= ceiling && (best == null || e.miou() > best.miou())) {
                best = e;
            }
        }
        return best != null ? best : uniform.get(uniform.size() - 1);
    }

    private static long macs(ArchitectureSpec arch, Resolution size, SparsityConfig config) {
        return MacCounter.count(arch, size.height(), size.width(), config).backbone();
    }

    /** A row of the table: the MACs are those of the pass that was timed (the input size it ran at). */
    private static Row row(String name, SparsityConfig config, double miou, long denseMacs, LatencyResult latency) {
        long m = latency.macs();
        return new Row(name, config, miou, m, (double) m / denseMacs, latency.medianMs());
    }

    private static void writeSummary(Path out, List<Row> rows, DemoRequest r, double seconds) {
        Map<String, Object> summary = new LinkedHashMap<>();
        List<Map<String, Object>> list = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", row.model());
            m.put("ratios", row.config().ratios());
            m.put("miou", row.miou());
            m.put("macs", row.macs());
            m.put("mac_fraction", row.macFraction());
            m.put("measured_latency_ms", row.latencyMs());
            list.add(m);
        }
        summary.put("rows", list);
        summary.put("resolution", r.resolution().toString());
        summary.put("seed", r.seed());
        summary.put("wall_seconds", seconds);
        Json.write(out.resolve(SUMMARY), summary);
    }
}
