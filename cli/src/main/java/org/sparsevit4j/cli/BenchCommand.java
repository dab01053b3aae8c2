package org.sparsevit4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sparsevit4j.app.Latencies;
import org.sparsevit4j.app.Resolution;
import org.sparsevit4j.app.TimingSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sparsevit bench}: measured forward latency of dense and sparse configurations ({@link Latencies#bench}). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Forward latency of the dense model and of each configuration (median and spread after "
                + "warm-up), next to its MAC fraction.")
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TimedModelOptions model;

    @Option(names = "--resolution", paramLabel = "SIZE", defaultValue = "672", converter = ResolutionConverter.class,
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
        threads.apply();
        PrintWriter err = spec.commandLine().getErr();
        Latencies.Measurements m = Latencies.bench(new TimingSpec(model.choice(), resolution, batch, precision.dtype,
                device.device, measurement.plan()), uniform, configs, new LineProgress(err));
        if (json) {
            LatencyRows.printBenchJson(spec.commandLine().getOut(), m.rows(), m.fingerprint());
        } else {
            LatencyRows.printText(spec.commandLine().getOut(), m.rows(), null);
        }
        return 0;
    }
}
