package org.sparsevit4j.cli;

import ai.djl.engine.Engine;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sparsevit4j.profiler.FastPathCheck;
import org.sparsevit4j.supernet.engine.FastPaths;
import org.sparsevit4j.supernet.engine.JniFeatures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sparsevit doctor}: the engine and fast paths this process runs with, and what each is worth here. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Shows the engine, the JNI and the CPU fast paths this process runs with, then times dense and "
                + "uniform 0.6 passes in fresh processes with each fast path off and on.")
public final class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--arch", paramLabel = "NAME", defaultValue = "swin_t",
            description = "Architecture timed. Default: ${DEFAULT-VALUE}.")
    String arch;

    @Option(names = "--resolution", paramLabel = "SIDE", defaultValue = "448",
            description = "Image side timed. Default: ${DEFAULT-VALUE}.")
    int side;

    @Option(names = "--threads", paramLabel = "N", description = "Intra-op threads. Default: one per core.")
    Integer threads;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "Timed passes. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--no-measure", description = "Only show what is active; time nothing.")
    boolean noMeasure;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Engine engine = Engine.getEngine("PyTorch");
        String vendor = FastPaths.cpuVendor();
        Optional<java.nio.file.Path> shim = FastPathCheck.builtShim();
        out.printf(Locale.ROOT, "java        %s (%s)%n", System.getProperty("java.version"), System.getProperty("java.vendor"));
        out.printf(Locale.ROOT, "engine      %s %s, DJL %s; JNI %s%s%n", engine.getEngineName(), engine.getVersion(),
                Engine.getDjlVersion(), JniFeatures.jniPath().map(Object::toString).orElse("unknown"),
                JniFeatures.all().isEmpty() ? "" : " (built by tools/djl-jni: " + String.join(", ", JniFeatures.all()) + ")");
        out.printf(Locale.ROOT, "cpu         %s, %d cores%n", vendor, Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "gpus       %2d%n", engine.getGpuCount());
        out.printf(Locale.ROOT, "fast paths  %s active in this process%n", FastPaths.describe());
        out.printf(Locale.ROOT, "  mkl-shim     %s%n", shim.map(p -> "built: " + p
                + (vendor.equals("AuthenticAMD") ? "" : " (not needed: the CPU is not AMD's)"))
                .orElse("not built (no C compiler at build time?)"));
        out.printf(Locale.ROOT, "  malloc-keep  %s%n", System.getenv("MALLOC_TRIM_THRESHOLD_") == null
                ? "not set (the launcher ./sparsevit sets it)" : "MALLOC_MMAP_THRESHOLD_="
                + System.getenv("MALLOC_MMAP_THRESHOLD_") + " MALLOC_TRIM_THRESHOLD_=" + System.getenv("MALLOC_TRIM_THRESHOLD_"));
        out.flush();
        if (noMeasure) {
            return 0;
        }
        int intraOp = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        PrintWriter err = spec.commandLine().getErr();
        List<FastPathCheck.Result> results = FastPathCheck.run(arch, side, intraOp, runs, shim, line -> {
            err.println(line);
            err.flush();
        });
        double base = results.get(0).denseMs();
        out.printf(Locale.ROOT, "%n%s at %dx%d, batch 1, %d threads, median of %d passes, each in a fresh process:%n",
                arch, side, side, intraOp, runs);
        out.printf(Locale.ROOT, "%-22s %10s %8s %14s %9s%n", "fast paths", "dense ms", "speedup", "uniform 0.6 ms",
                "fraction");
        for (FastPathCheck.Result r : results) {
            out.printf(Locale.ROOT, "%-22s %10.1f %7.2fx %14.1f %9.3f%n", r.variant(), r.denseMs(), base / r.denseMs(),
                    r.sparseMs(), r.sparseMs() / r.denseMs());
        }
        return 0;
    }
}
