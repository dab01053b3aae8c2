package org.sparsevit4j.cli;

import ai.djl.Device;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SparsityConfigJson;
import org.sparsevit4j.profiler.InputShape;
import org.sparsevit4j.profiler.LatencyBenchmark;
import org.sparsevit4j.profiler.LatencyResult;
import org.sparsevit4j.profiler.MeasurementPlan;
import org.sparsevit4j.supernet.train.ModelSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sparsevit bench}: measured forward latency of dense and sparse configurations. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Forward latency of the dense model and of each configuration (median and spread after "
                + "warm-up), next to its MAC fraction.")
public final class BenchCommand implements Callable<Integer> {

    private static final double[] DEFAULT_UNIFORM = {0.3, 0.6, 0.8};

    @Spec
    CommandSpec spec;

    @Mixin
    TimedModelOptions model;

    @Option(names = "--resolution", paramLabel = "SIZE", defaultValue = "672", converter = Resolution.Converter.class,
            description = "Input size: a side (672) or height x width (256x192). Default: ${DEFAULT-VALUE}.")
    Resolution resolution;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1", description = "Images per pass. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--config", paramLabel = "FILE", description = "A configuration to time (repeatable).")
    List<Path> configs = new ArrayList<>();

    @Option(names = "--uniform", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also time uniform 0.3, 0.6 and 0.8 (default; --no-uniform leaves them out).")
    boolean uniform;

    @Mixin
    PrecisionOption precision;

    @Mixin
    MeasurementOptions measurement;

    @Option(names = "--json", description = "Print one JSON array of rows.")
    boolean json;

    @Mixin
    DeviceOption device;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() {
        model.requireConsistent();
        ModelSpec fresh = model.fresh("swin_t");
        fresh.arch().stageSizes(resolution.height(), resolution.width()); // an image smaller than a patch, up front
        MeasurementPlan plan = measurement.plan();
        PrintWriter err = spec.commandLine().getErr();
        threads.apply();
        Device target = device.resolve();
        InputShape input = new InputShape(batch, resolution.height(), resolution.width(),
                precision.resolve(target, err));
        try (TimingSetup setup = TimingSetup.open(fresh, model.weights, input, target)) {
            if (model.weights != null && model.archGiven()) {
                setup.requireArch(fresh.arch(), "--arch");
            }
            ArchitectureSpec arch = setup.model.arch();
            List<LatencyBenchmark.Entry> entries = new ArrayList<>();
            entries.add(new LatencyBenchmark.Entry("dense", SparsityConfig.dense(arch)));
            if (uniform) {
                for (double r : DEFAULT_UNIFORM) {
                    entries.add(new LatencyBenchmark.Entry(String.format(Locale.ROOT, "uniform %.1f", r),
                            SparsityConfig.uniform(arch, r)));
                }
            }
            for (Path file : configs) {
                entries.add(new LatencyBenchmark.Entry(file.getFileName().toString(), SparsityConfigJson.read(file, arch)));
            }
            err.printf(Locale.ROOT, "bench %s %s at %s on %s: %d configurations, %d warm-up + %d timed passes each%n",
                    arch.name(), setup.timer.head().describe(), input.describe(), setup.fingerprint.describe(),
                    entries.size(), plan.warmup(), plan.runs());
            err.flush();
            List<LatencyResult> rows = LatencyBenchmark.run(setup.timer, entries, plan, line -> {
                err.println("  " + line);
                err.flush();
            });
            if (json) {
                LatencyRows.printBenchJson(spec.commandLine().getOut(), rows, setup.fingerprint);
            } else {
                LatencyRows.printText(spec.commandLine().getOut(), rows, null);
            }
        }
        return 0;
    }
}
