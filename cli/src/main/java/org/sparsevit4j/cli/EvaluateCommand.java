package org.sparsevit4j.cli;

import org.sparsevit4j.app.EvaluateRequest;
import org.sparsevit4j.app.Evaluations;
import org.sparsevit4j.app.Resolution;
import org.sparsevit4j.core.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.evaluator.EvaluationResult;
import org.sparsevit4j.supernet.data.Split;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sparsevit evaluate}: the metric of one or more configurations, one model load for all. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Top-1 (classification) or mIoU and pixel accuracy (segmentation) of configurations on a "
                + "split. Without --config or --uniform: a fine-tuned model's own configuration, else dense.")
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--weights", required = true, paramLabel = "FILE|RUN",
            description = "A checkpoint, a training run folder (its latest checkpoint), or torchvision/timm weights.")
    Path weights;

    @Option(names = "--config", paramLabel = "FILE", description = "A configuration to evaluate (repeatable).")
    List<Path> configs = new ArrayList<>();

    @Option(names = "--uniform", paramLabel = "R,R,...", split = ",",
            description = "Uniform ratios to evaluate, e.g. 0,0.2,0.4,0.6,0.8.")
    List<Double> uniform = new ArrayList<>();

    @Mixin
    DataOptions data;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "val",
            description = "val, search or train. Default: ${DEFAULT-VALUE}.")
    String split;

    @Option(names = "--resolution", paramLabel = "SIZE", converter = ResolutionConverter.class,
            description = "Evaluation size. Default: the training resolution of a checkpoint, else 224.")
    Resolution resolution;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "8", description = "Images per pass. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--loader-threads", paramLabel = "N", defaultValue = "1", description = "Decoding threads. Default: ${DEFAULT-VALUE}.")
    int loaderThreads;

    @Option(names = "--json", description = "Print JSON: an object for one configuration, an array for several.")
    boolean json;

    @Mixin
    CacheOptions cache;

    @Mixin
    PrecisionOption precision;

    @Mixin
    ThreadsOption threads;

    @Mixin
    DevicesOption devices;

    @Override
    public Integer call() {
        Split which = parseSplit(split);
        threads.apply();
        PrintWriter err = spec.commandLine().getErr();
        Evaluations.Outcome outcome;
        try (CliProgress progress = new CliProgress(err)) {
            outcome = Evaluations.run(new EvaluateRequest(weights, data.spec(), which, resolution, batch, loaderThreads,
                    cache.spec(), precision.dtype, configs, uniform), devices.list(threads), progress);
        }
        outcome.skipped().ifPresent(err::println);
        print(outcome.results(), outcome.classNames());
        return 0;
    }

    static Split parseSplit(String text) {
        for (Split s : Split.values()) {
            if (s.name().equalsIgnoreCase(text)) {
                return s;
            }
        }
        throw new InvalidInputException("--split " + text + " must be val, search or train");
    }

    /** {@code [{"index": 0, "name": "road", "iou": 0.97}, ...]} in class order; {@code iou} null where undefined. */
    private static List<Map<String, Object>> classIou(EvaluationResult r, List<String> classNames) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int c = 0; c < r.classIou().size(); c++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("index", c);
            entry.put("name", classNames.get(c));
            entry.put("iou", Double.isNaN(r.classIou().get(c)) ? null : r.classIou().get(c));
            out.add(entry);
        }
        return out;
    }

    private void print(List<EvaluationResult> results, List<String> classNames) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (EvaluationResult r : results) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("ratios", r.config().ratios());
                row.put("split", r.split());
                row.put("images", r.images());
                if (r.segmentation()) {
                    row.put("miou", r.miou());
                    row.put("pixel_accuracy", r.pixelAccuracy());
                    row.put("class_iou", classIou(r, classNames));
                } else {
                    row.put("top1", r.top1());
                }
                row.put("seconds", r.seconds());
                row.put("cached", r.cached());
                rows.add(row);
            }
            out.print(Json.write(rows.size() == 1 ? rows.get(0) : rows));
            return;
        }
        boolean segmentation = results.get(0).segmentation();
        out.println(segmentation
                ? String.format(Locale.ROOT, "%-44s %8s %10s %7s %9s", "configuration", "mIoU", "pixel acc", "images", "seconds")
                : String.format(Locale.ROOT, "%-44s %8s %7s %9s", "configuration", "top-1", "images", "seconds"));
        for (EvaluationResult r : results) {
            String seconds = r.cached() ? "cached" : String.format(Locale.ROOT, "%.1f", r.seconds());
            out.println(segmentation
                    ? String.format(Locale.ROOT, "%-44s %8.4f %10.4f %7d %9s", r.config().compact(), r.miou(),
                            r.pixelAccuracy(), r.images(), seconds)
                    : String.format(Locale.ROOT, "%-44s %8.4f %7d %9s", r.config().compact(), r.top1(), r.images(),
                            seconds));
        }
    }
}
