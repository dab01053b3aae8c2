package org.sparsevit4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.AtomicFiles;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.MacCounter;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SparsityConfigJson;
import org.sparsevit4j.core.WindowGrid;
import org.sparsevit4j.profiler.InputShape;
import org.sparsevit4j.search.EvolutionarySearch;
import org.sparsevit4j.search.MacLimit;
import org.sparsevit4j.search.SearchBudget;
import org.sparsevit4j.search.SearchSettings;
import org.sparsevit4j.supernet.data.SyntheticScenes;
import org.sparsevit4j.supernet.data.Task;
import org.sparsevit4j.profiler.LatencyBenchmark;
import org.sparsevit4j.profiler.LatencyResult;
import org.sparsevit4j.profiler.MeasurementPlan;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sparsevit demo}: the whole method end to end on the built-in scenes, as a user would run
 * it step by step: the latency table of a small Swin, its SAA training, a Pareto search under 0.6x
 * dense MACs, fine-tuning of the chosen configuration, and the comparison on val of the dense
 * model, the chosen configuration and uniform sparsity at the same MACs, with the report.
 *
 * <p>The latency table comes first, timed in a fresh process before training has filled the heap.
 * Each step runs the real command in-process, in its own folder under {@code --out}; running
 * the demo again in the same folder continues where it stopped (finished steps are kept).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "End to end on the built-in synthetic scenes: latency table, SAA training, Pareto search under "
                + "0.6x dense MACs, fine-tuning, evaluation of dense vs chosen vs uniform, and the report. About 10 "
                + "minutes on 2 cores; run it again with the same --out to continue after an interruption.")
public final class DemoCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARCH = "swin_micro";

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/demo",
            description = "Folder of the demo's runs. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--resolution", paramLabel = "SIZE", defaultValue = "160", converter = Resolution.Converter.class,
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

    /** One row of the final table. */
    record Row(String model, SparsityConfig config, double miou, long macs, double macFraction, double latencyMs) {
    }

    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        PrintWriter err = spec.commandLine().getErr();
        OutputPaths.requireWritableFolder(out, "--out");
        ArchitectureSpec arch = ArchitectureSpec.preset(ARCH);
        // an impossible budget fails now, not after the training
        EvolutionarySearch.checkBudget(SearchSettings.builder(arch, resolution.height(), resolution.width())
                .budget(SearchBudget.ofMacs(MacLimit.parse(maxMacs))).build(), null);
        Files.createDirectories(out);
        String size = resolution.toString();
        String[] data = {"--synthetic-images", Integer.toString(syntheticImages), "--synthetic-val",
            Integer.toString(syntheticVal)};
        Path supernet = out.resolve("supernet");
        Path table = out.resolve("latency-table.json");
        Path search = out.resolve("search");
        Path finetuned = out.resolve("finetuned");

        // the table first: it times the machine, best done before training has filled the heap and the caches
        step(err, 1, "latency table of " + ARCH + " at " + size + " on this machine");
        if (!Files.isRegularFile(table)) {
            run(err, concat(new String[] {"profile", "--build-table", "--arch", ARCH, "--task", "segmentation",
                "--classes", Integer.toString(SyntheticScenes.classCount(Task.SEGMENTATION)), "--resolution", size,
                "--runs", "20", "--warmup", "3", "--out", table.toString()}, threadArgs()));
        }

        step(err, 2, "sparsity-aware training of " + ARCH + " (" + trainSteps + " steps)");
        if (Files.isDirectory(supernet.resolve("checkpoints"))) {
            run(err, "train-supernet", "--resume", supernet.toString());
        } else {
            run(err, concat(new String[] {"train-supernet", "--arch", ARCH, "--resolution", size, "--steps",
                Integer.toString(trainSteps), "--seed", Long.toString(seed), "--checkpoint-every", "100", "--out",
                supernet.toString()}, data, threadArgs()));
        }

        step(err, 3, "Pareto search under " + maxMacs + " dense MACs (" + generations + " generations of "
                + population + ")");
        if (Files.isRegularFile(search.resolve("search-state.json"))) {
            run(err, "search", "--resume", search.toString());
        } else {
            run(err, concat(new String[] {"search", "--weights", supernet.toString(), "--max-macs", maxMacs, "--pareto",
                "--generations", Integer.toString(generations), "--population", Integer.toString(population),
                "--seed", Long.toString(seed), "--latency-table", table.toString(), "--measure-runs", "10", "--out",
                search.toString(), "--cache-dir", out.resolve("cache").toString()}, data, threadArgs()));
        }
        Path chosenFile = search.resolve("best-config.json");
        SparsityConfig chosen = SparsityConfigJson.read(chosenFile, arch);

        step(err, 4, "fine-tuning the chosen configuration (" + finetuneSteps + " steps)");
        if (Files.isDirectory(finetuned.resolve("checkpoints"))) {
            run(err, "finetune", "--resume", finetuned.toString());
        } else {
            run(err, concat(new String[] {"finetune", "--arch", ARCH, "--weights", supernet.toString(), "--config",
                chosenFile.toString(), "--resolution", size, "--steps", Integer.toString(finetuneSteps), "--warmup",
                "10", "--lr", "2e-4", "--seed", Long.toString(seed), "--checkpoint-every", "50", "--out",
                finetuned.toString()}, data, threadArgs()));
        }

        step(err, 5, "evaluating on val: dense, chosen, uniform at the same MACs; measuring latency");
        SparsityConfig uniform = uniformNearest(arch, chosen);
        Path uniformFile = out.resolve("uniform-config.json");
        SparsityConfigJson.write(uniform, uniformFile);
        JsonNode supernetRows = JSON.readTree(capture(err, "evaluate", "--weights", supernet.toString(), "--config",
                chosenFile.toString(), "--config", uniformFile.toString(), "--uniform", "0", "--json", "--cache-dir",
                out.resolve("cache").toString()));
        JsonNode finetunedRow = JSON.readTree(capture(err, "evaluate", "--weights", finetuned.toString(), "--json",
                "--cache-dir", out.resolve("cache").toString()));
        List<LatencyResult> latency = measure(supernet, List.of(SparsityConfig.dense(arch), chosen, uniform));
        long dense = macs(arch, SparsityConfig.dense(arch));
        List<Row> rows = List.of(
                row("dense (supernet)", SparsityConfig.dense(arch), supernetRows.get(2), dense, latency.get(0)),
                row("chosen (supernet)", chosen, supernetRows.get(0), dense, latency.get(1)),
                row("chosen (fine-tuned)", chosen, finetunedRow, dense, latency.get(1)),
                row("uniform " + uniform.ratio(0, 0) + " (supernet)", uniform, supernetRows.get(1), dense,
                        latency.get(2)));
        writeSummary(rows, (System.nanoTime() - start) / 1e9);
        print(rows, (System.nanoTime() - start) / 1e9, search);
        return 0;
    }

    /** The uniform configuration whose MACs are nearest the chosen one's. */
    private SparsityConfig uniformNearest(ArchitectureSpec arch, SparsityConfig chosen) {
        long target = macs(arch, chosen);
        SparsityConfig best = null;
        long bestGap = Long.MAX_VALUE;
        for (int level = 0; level <= WindowGrid.MAX_LEVEL; level++) {
            SparsityConfig u = SparsityConfig.uniform(arch, level / 10.0);
            long gap = Math.abs(macs(arch, u) - target);
            if (gap < bestGap) {
                best = u;
                bestGap = gap;
            }
        }
        return best;
    }

    private long macs(ArchitectureSpec arch, SparsityConfig config) {
        return MacCounter.count(arch, resolution.height(), resolution.width(), config).backbone();
    }

    private Row row(String name, SparsityConfig config, JsonNode evaluation, long denseMacs, LatencyResult latency) {
        long m = latency.macs();
        return new Row(name, config, evaluation.get("miou").asDouble(), m, (double) m / denseMacs, latency.medianMs());
    }

    private List<LatencyResult> measure(Path weights, List<SparsityConfig> configs) {
        List<LatencyBenchmark.Entry> entries = new ArrayList<>();
        for (int k = 0; k < configs.size(); k++) {
            entries.add(new LatencyBenchmark.Entry("config " + k, configs.get(k)));
        }
        try (TimingSetup setup = TimingSetup.open(null, weights, new InputShape(1, resolution.height(), resolution.width()),
                ai.djl.Device.cpu())) {
            return LatencyBenchmark.run(setup.timer, entries, MeasurementPlan.of(3, 15), line -> { });
        }
    }

    private void writeSummary(List<Row> rows, double seconds) throws IOException {
        Map<String, Object> summary = new LinkedHashMap<>();
        List<Map<String, Object>> list = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", r.model());
            m.put("ratios", r.config().ratios());
            m.put("miou", r.miou());
            m.put("macs", r.macs());
            m.put("mac_fraction", r.macFraction());
            m.put("measured_latency_ms", r.latencyMs());
            list.add(m);
        }
        summary.put("rows", list);
        summary.put("resolution", resolution.toString());
        summary.put("seed", seed);
        summary.put("wall_seconds", seconds);
        AtomicFiles.writeString(out.resolve("demo-summary.json"), Json.write(summary) + "\n");
    }

    private void print(List<Row> rows, double seconds, Path search) {
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%-24s %7s %7s %9s %11s  %s%n", "model", "mIoU", "GMACs", "MAC frac", "latency ms",
                "ratios");
        for (Row r : rows) {
            o.printf(Locale.ROOT, "%-24s %7.4f %7.3f %9.3f %11.1f  %s%n", r.model(), r.miou(), r.macs() / 1e9,
                    r.macFraction(), r.latencyMs(), r.config().compact());
        }
        o.printf(Locale.ROOT, "demo finished in %s; results in %s%n", ProgressBar.duration(seconds), out);
        Path report = search.resolve("report.html");
        if (Files.isRegularFile(report)) {
            o.println("report: " + report.toAbsolutePath());
        }
    }

    private static void step(PrintWriter err, int n, String what) {
        err.println();
        err.println("== demo step " + n + "/5: " + what);
        err.flush();
    }

    private String[] threadArgs() {
        return threads == null ? new String[0] : new String[] {"--threads", threads.toString()};
    }

    /** Runs a command in-process with this one's output; a failure stops the demo with its exit status. */
    private void run(PrintWriter err, String... args) {
        execute(spec.commandLine().getOut(), err, args);
    }

    /** Runs a command in-process and returns what it printed on standard output. */
    private String capture(PrintWriter err, String... args) {
        StringWriter text = new StringWriter();
        execute(new PrintWriter(text, true), err, args);
        return text.toString();
    }

    private static void execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = SparsevitCommand.commandLine();
        cli.setOut(out);
        cli.setErr(err);
        int exit = cli.execute(args);
        if (exit != 0) {
            throw new DemoStepFailed(args[0], exit);
        }
    }

    private static String[] concat(String[]... parts) {
        List<String> all = new ArrayList<>();
        for (String[] p : parts) {
            all.addAll(List.of(p));
        }
        return all.toArray(String[]::new);
    }

    /** A step's command failed; it has printed its own one-line error. */
    static final class DemoStepFailed extends RuntimeException {
        final int exit;

        DemoStepFailed(String command, int exit) {
            super("the demo stopped at its " + command + " step (exit " + exit + "); run it again with the same --out "
                    + "to continue");
            this.exit = exit;
        }
    }
}
