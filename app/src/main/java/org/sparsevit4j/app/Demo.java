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
import org.sparsevit4j.core.MacCounter;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SparsityConfigJson;
import org.sparsevit4j.core.WindowGrid;
import org.sparsevit4j.evaluator.EvaluationResult;
import org.sparsevit4j.profiler.MeasurementPlan;
import org.sparsevit4j.profiler.LatencyResult;
import org.sparsevit4j.profiler.LatencyTableBuilder;
import org.sparsevit4j.search.EvolutionarySearch;
import org.sparsevit4j.search.MacLimit;
import org.sparsevit4j.search.SearchBudget;
import org.sparsevit4j.search.SearchSettings;
import org.sparsevit4j.supernet.data.Split;
import org.sparsevit4j.supernet.data.SyntheticScenes;
import org.sparsevit4j.supernet.data.Task;
import org.sparsevit4j.supernet.model.SwinSegmenter;
import org.sparsevit4j.supernet.train.SupernetTrainer;

/**
 * The whole method end to end on the built-in scenes, each step the application's own operation in
 * its own folder under the demo's: the latency table of a small segmenting Swin, its sparsity-aware
 * training, a Pareto search under a MAC budget, fine-tuning of the chosen configuration, and the
 * comparison on val of the dense model, the chosen configuration and uniform sparsity at the same
 * MACs. Run again in the same folder, it continues where it stopped (finished steps are kept).
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
        DataSpec data = new DataSpec(null, null, null, false, 0.1, r.syntheticImages(), r.syntheticVal());
        Path supernet = out.resolve("supernet");
        Path table = out.resolve("latency-table.json");
        Path search = out.resolve("search");
        Path finetuned = out.resolve("finetuned");
        CacheSpec cache = new CacheSpec(out.resolve("cache"), false);

        // the table first: it times the machine, best done before training has filled the heap and the caches
        progress.phase("demo step 1/5: latency table of " + ARCH + " at " + size + " on this machine");
        if (!Files.isRegularFile(table)) {
            ModelChoice segmenter = new ModelChoice(ARCH, Task.SEGMENTATION.cliName(),
                    SyntheticScenes.classCount(Task.SEGMENTATION), null);
            Latencies.buildTable(new TimingSpec(segmenter, size, 1, null, "cpu", MeasurementPlan.of(3, 20)),
                    LatencyTableBuilder.DEFAULT_RANDOM_CONTEXTS, table, progress);
        }

        progress.phase("demo step 2/5: sparsity-aware training of " + ARCH + " (" + r.trainSteps() + " steps)");
        TrainingProgress training = new TrainingProgress(progress);
        if (SupernetTrainer.holdsRun(supernet)) {
            Trainings.resume(supernet, null, training);
        } else {
            Trainings.run(new TrainRequest(ARCH, data, size, null, supernet, r.trainSteps(), 0, 8, 1e-3, 1e-5, 50, 0.05,
                    1.0, r.seed(), 100, SwinSegmenter.DEFAULT_DECODER_DIM, 1, false, Granularity.PAIR, null), training);
        }

        progress.phase("demo step 3/5: Pareto search under " + r.maxMacs() + " dense MACs (" + r.generations()
                + " generations of " + r.population() + ")");
        if (Files.isRegularFile(search.resolve(EvolutionarySearch.STATE_FILE))) {
            Searches.resume(search, cache, progress);
        } else {
            Searches.run(new SearchRequest(supernet, null, data, null, r.maxMacs(), null, null, "macs", table, null, 1, 10,
                    "cpu", null, true, r.generations(), r.population(), "pair", r.seed(), 8, 1), search, cache, progress);
        }
        Path chosenFile = search.resolve("best-config.json");
        SparsityConfig chosen = SparsityConfigJson.read(chosenFile, arch);

        progress.phase("demo step 4/5: fine-tuning the chosen configuration (" + r.finetuneSteps() + " steps)");
        if (SupernetTrainer.holdsRun(finetuned)) {
            Trainings.resume(finetuned, null, training);
        } else {
            Trainings.run(new TrainRequest(ARCH, data, size, supernet, finetuned, r.finetuneSteps(), 0, 8, 2e-4, 1e-5, 10,
                    0.05, 1.0, r.seed(), 50, SwinSegmenter.DEFAULT_DECODER_DIM, 1, false, Granularity.PAIR, chosenFile),
                    training);
        }

        progress.phase("demo step 5/5: evaluating on val: dense, chosen, uniform at the same MACs; measuring latency");
        SparsityConfig uniform = uniformNearest(arch, size, chosen);
        Path uniformFile = out.resolve("uniform-config.json");
        SparsityConfigJson.write(uniform, uniformFile);
        List<EvaluationResult> supernetRows = Evaluations.run(new EvaluateRequest(supernet, DataSpec.builtIn(),
                Split.VAL, null, 8, 1, cache, null, List.of(chosenFile, uniformFile), List.of(0.0)), progress)
                .results();
        EvaluationResult finetunedRow = Evaluations.run(new EvaluateRequest(finetuned, DataSpec.builtIn(),
                Split.VAL, null, 8, 1, cache, null, List.of(), List.of()), progress).results().get(0);
        List<LatencyResult> latency = Latencies.measure(supernet, size, List.of(SparsityConfig.dense(arch), chosen,
                uniform), MeasurementPlan.of(3, 15));
        long dense = macs(arch, size, SparsityConfig.dense(arch));
        List<Row> rows = List.of(
                row("dense (supernet)", SparsityConfig.dense(arch), supernetRows.get(2), dense, latency.get(0)),
                row("chosen (supernet)", chosen, supernetRows.get(0), dense, latency.get(1)),
                row("chosen (fine-tuned)", chosen, finetunedRow, dense, latency.get(1)),
                row("uniform " + uniform.ratio(0, 0) + " (supernet)", uniform, supernetRows.get(1), dense,
                        latency.get(2)));
        writeSummary(out, rows, r, (System.nanoTime() - start) / 1e9);
        Path report = search.resolve("report.html");
        return new Outcome(rows, out, search, Files.isRegularFile(report) ? Optional.of(report) : Optional.empty());
    }

    /** The uniform configuration whose MACs are nearest the chosen one's. */
    private static SparsityConfig uniformNearest(ArchitectureSpec arch, Resolution size, SparsityConfig chosen) {
        long target = macs(arch, size, chosen);
        SparsityConfig best = null;
        long bestGap = Long.MAX_VALUE;
        for (int level = 0; level <= WindowGrid.MAX_LEVEL; level++) {
            SparsityConfig u = SparsityConfig.uniform(arch, level / 10.0);
            long gap = Math.abs(macs(arch, size, u) - target);
            if (gap < bestGap) {
                best = u;
                bestGap = gap;
            }
        }
        return best;
    }

    private static long macs(ArchitectureSpec arch, Resolution size, SparsityConfig config) {
        return MacCounter.count(arch, size.height(), size.width(), config).backbone();
    }

    private static Row row(String name, SparsityConfig config, EvaluationResult evaluation, long denseMacs,
            LatencyResult latency) {
        long m = latency.macs();
        return new Row(name, config, evaluation.miou(), m, (double) m / denseMacs, latency.medianMs());
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
