package org.sparsevit4j.supernet.engine;

import ai.djl.engine.Engine;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the loaded PyTorch JNI ({@code libdjl_torch.so}) can do beyond DJL's own build.
 *
 * <p>A JNI built by {@code tools/djl-jni/build-djl-jni.sh} exports the C string
 * {@code sparsevit4j_jni_features} ("bfloat16": it maps DJL's {@code BFLOAT16} to torch's). DJL's
 * own JNI has no such symbol, and asking it for a bfloat16 tensor terminates the process from
 * native code, so this must be known before any bfloat16 tensor is made. The loaded library is
 * found in {@code /proc/self/maps} and its symbol looked up through JNA (on the classpath with DJL).
 */
public final class JniFeatures {

    private static final String SYMBOL = "sparsevit4j_jni_features";
    private static volatile List<String> features;

    private JniFeatures() {
    }

    /** Whether the loaded JNI knows bfloat16. Starts the engine. */
    public static boolean bfloat16() {
        return all().contains("bfloat16");
    }

    /** The features the loaded JNI declares; empty for DJL's own build. */
    public static List<String> all() {
        List<String> known = features;
        if (known == null) {
            Engine.getEngine("PyTorch");
            known = jniPath().flatMap(JniFeatures::declared).map(s -> List.of(s.split(","))).orElse(List.of());
            features = known;
        }
        return known;
    }

    /** The file of the loaded {@code libdjl_torch.so}, from the process's memory map (Linux). */
    public static Optional<Path> jniPath() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"), StandardCharsets.UTF_8)) {
                int slash = line.indexOf('/');
                if (slash >= 0 && line.contains("djl_torch")) {
                    return Optional.of(Path.of(line.substring(slash).strip()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no extended JNI known
        }
        return Optional.empty();
    }

    private static Optional<String> declared(Path jni) {
        try {
            // the JVM loaded the library already; this dlopen of the same file returns the same handle
            Pointer p = NativeLibrary.getInstance(jni.toString()).getGlobalVariableAddress(SYMBOL);
            return Optional.of(p.getString(0, StandardCharsets.US_ASCII.name()));
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return Optional.empty(); // DJL's own build
        }
    }
}
