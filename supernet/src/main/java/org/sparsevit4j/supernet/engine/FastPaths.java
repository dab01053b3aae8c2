package org.sparsevit4j.supernet.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CPU fast paths this process runs with (README, "Performance"); the launcher and the test
 * build set them, a user embedding the library sets them in the environment:
 *
 * <ul>
 *   <li>{@code mkl-shim}: {@code libsparsevit-mkl-intel-cpu.so} is preloaded, so libtorch's oneMKL
 *       uses its AVX-512 kernels on an AMD CPU (about twice as fast linear layers);</li>
 *   <li>{@code malloc-keep}: glibc's allocator keeps freed tensors' memory
 *       ({@code MALLOC_MMAP_THRESHOLD_}, {@code MALLOC_TRIM_THRESHOLD_}), so a pass does not
 *       page-fault its activations in again.</li>
 * </ul>
 * They change latency, so every measurement's fingerprint records them.
 */
public final class FastPaths {

    public static final String SHIM_LIBRARY = "libsparsevit-mkl-intel-cpu.so";
    public static final String MKL_SHIM = "mkl-shim";
    public static final String MALLOC_KEEP = "malloc-keep";

    private FastPaths() {
    }

    /** The fast paths active in this process, in a fixed order; empty when none is. */
    public static List<String> active() {
        List<String> out = new ArrayList<>();
        if (mklShimLoaded()) {
            out.add(MKL_SHIM);
        }
        if (System.getenv("MALLOC_MMAP_THRESHOLD_") != null && System.getenv("MALLOC_TRIM_THRESHOLD_") != null) {
            out.add(MALLOC_KEEP);
        }
        return out;
    }

    /** {@code mkl-shim, malloc-keep}, or {@code none}. */
    public static String describe() {
        List<String> paths = active();
        return paths.isEmpty() ? "none" : String.join(", ", paths);
    }

    /** Whether the shim is mapped into this process (preloaded). */
    public static boolean mklShimLoaded() {
        return procMaps().contains(SHIM_LIBRARY);
    }

    /** The CPU's vendor string from /proc/cpuinfo ({@code AuthenticAMD}, {@code GenuineIntel}), or "unknown". */
    public static String cpuVendor() {
        return cpuInfo("vendor_id").orElse("unknown");
    }

    /** A field of the first processor in /proc/cpuinfo ({@code model name}, {@code vendor_id}); empty off Linux. */
    public static java.util.Optional<String> cpuInfo(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith(field)) {
                    return java.util.Optional.of(line.substring(line.indexOf(':') + 1).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return java.util.Optional.empty();
    }

    private static String procMaps() {
        try {
            return Files.readString(Path.of("/proc/self/maps"), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
