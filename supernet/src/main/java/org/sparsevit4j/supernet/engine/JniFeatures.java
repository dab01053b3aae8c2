package org.sparsevit4j.supernet.engine;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the loaded PyTorch JNI ({@code libdjl_torch.so}) can do beyond DJL's own build.
 *
 * <p>A JNI built by {@code tools/djl-jni/build-djl-jni.sh} embeds the C string
 * {@code sparsevit4j-jni-features=bfloat16} (it maps DJL's {@code BFLOAT16} to torch's). DJL's own
 * JNI has no such string, and asking it for a bfloat16 tensor terminates the process from native
 * code, so this must be known before any bfloat16 tensor is made. The loaded library is found in
 * {@code /proc/self/maps} and the string in its file. (Looking the symbol up through JNA instead
 * made JNA close the library in a shutdown hook, and libtorch's static destructors then freed
 * memory twice as the JVM exited.)
 */
public final class JniFeatures {

    private static final byte[] MARKER = "sparsevit4j-jni-features=".getBytes(StandardCharsets.US_ASCII);
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

    /** The text after the marker in the library file, up to its terminating NUL. */
    static Optional<String> declared(Path jni) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(jni);
        } catch (IOException e) {
            return Optional.empty();
        }
        outer:
        for (int i = 0; i + MARKER.length < bytes.length; i++) {
            for (int j = 0; j < MARKER.length; j++) {
                if (bytes[i + j] != MARKER[j]) {
                    continue outer;
                }
            }
            int end = i + MARKER.length;
            while (end < bytes.length && bytes[end] != 0) {
                end++;
            }
            return Optional.of(new String(bytes, i + MARKER.length, end - i - MARKER.length, StandardCharsets.US_ASCII));
        }
        return Optional.empty();
    }
}
