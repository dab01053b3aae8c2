package org.sparsevit4j.profiler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sparsevit4j.supernet.engine.FastPaths;

/**
 * What each CPU fast path is worth on this machine ({@code sparsevit doctor}): the same forward
 * passes timed in child JVMs started without any fast path, with each alone, and with all, since a
 * preloaded library and the allocator's settings can only be chosen when a process starts.
 */
public final class FastPathCheck {

    /** The sparse configuration timed beside dense: uniform 0.6. */
    public static final double SPARSE_RATIO = 0.6;
    private static final Pattern LINE = Pattern.compile("fastPaths=([^;]*);dense=([0-9.]+);sparse=([0-9.]+)");
    private static final String[] MALLOC = {"MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_",
        "MALLOC_ARENA_MAX"};
    private static final String[] MALLOC_VALUES = {"33554432", "17179869184", "268435456", "2"};

    /** A variant's environment and its measured passes. */
    public record Result(String variant, String active, double denseMs, double sparseMs) {
    }

    private FastPathCheck() {
    }

    /**
     * Times dense and uniform 0.6 passes of {@code arch} at {@code side} in one child JVM per variant:
     * none, malloc-keep, mkl-shim (when the shim is built and the CPU is AMD's), and both.
     *
     * @param shim the shim library, if built
     * @param progress receives a line per variant
     */
    public static List<Result> run(String arch, int side, int threads, int runs, Optional<Path> shim,
            Consumer<String> progress) {
        boolean amd = FastPaths.cpuVendor().equals("AuthenticAMD");
        List<String[]> variants = new ArrayList<>();
        variants.add(new String[] {"none"});
        variants.add(new String[] {FastPaths.MALLOC_KEEP});
        if (shim.isPresent() && amd) {
            variants.add(new String[] {FastPaths.MKL_SHIM});
            variants.add(new String[] {FastPaths.MKL_SHIM, FastPaths.MALLOC_KEEP});
        }
        List<Result> out = new ArrayList<>();
        for (String[] variant : variants) {
            String name = String.join(" + ", variant);
            progress.accept("timing " + arch + " at " + side + " with " + name);
            out.add(probe(name, List.of(variant), arch, side, threads, runs, shim));
        }
        return out;
    }

    private static Result probe(String name, List<String> paths, String arch, int side, int threads, int runs,
            Optional<Path> shim) {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), FastPathProbe.class.getName(), arch, Integer.toString(side),
                Integer.toString(threads), Integer.toString(runs)).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.remove("LD_PRELOAD");
        for (int i = 0; i < MALLOC.length; i++) {
            env.remove(MALLOC[i]);
            if (paths.contains(FastPaths.MALLOC_KEEP)) {
                env.put(MALLOC[i], MALLOC_VALUES[i]);
            }
        }
        if (paths.contains(FastPaths.MKL_SHIM)) {
            env.put("LD_PRELOAD", shim.orElseThrow().toString());
        }
        try {
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("the probe with " + name + " failed: " + output.strip());
            }
            Matcher m = LINE.matcher(output);
            if (!m.find()) {
                throw new IllegalStateException("the probe with " + name + " printed no result: " + output.strip());
            }
            return new Result(name, m.group(1), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a probe JVM: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * The shim built by the Maven build: {@code target/native/} of the checkout the running code comes
     * from ({@code cli/target/cli.jar} or a module's {@code target/classes}), if it is there.
     */
    public static Optional<Path> builtShim() {
        try {
            Path code = Path.of(FastPathCheck.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = code.getParent(); dir != null; dir = dir.getParent()) {
                Path shim = dir.resolve("target").resolve("native").resolve(FastPaths.SHIM_LIBRARY);
                if (Files.isRegularFile(shim)) {
                    return Optional.of(shim);
                }
            }
        } catch (Exception e) {
            // not from a file: no checkout to look in
        }
        return Optional.empty();
    }
}
