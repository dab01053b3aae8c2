package org.sparsevit4j.app;

import java.nio.file.Path;
import org.sparsevit4j.evaluator.ResultCache;

/**
 * Where evaluation results are kept across runs.
 *
 * @param directory the cache folder, or null for the default
 * @param off whether the cache is neither read nor written
 */
public record CacheSpec(Path directory, boolean off) {

    /** The default folder, on. */
    public static CacheSpec standard() {
        return new CacheSpec(null, false);
    }

    /** The cache of one (weights, data, split, resolution) key. */
    public ResultCache open(String key) {
        if (off) {
            return ResultCache.inMemory();
        }
        return ResultCache.open(directory != null ? directory : defaultDirectory(), key);
    }

    /** {@code $XDG_CACHE_HOME/sparsevit4j/evaluations}, or {@code ~/.cache/sparsevit4j/evaluations}. */
    public static Path defaultDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("sparsevit4j").resolve("evaluations");
    }
}
