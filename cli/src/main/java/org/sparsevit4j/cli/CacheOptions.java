package org.sparsevit4j.cli;

import java.nio.file.Path;
import org.sparsevit4j.evaluator.ResultCache;
import picocli.CommandLine.Option;

/** Where evaluation results are kept across runs. */
public final class CacheOptions {

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Evaluation cache folder. Default: $XDG_CACHE_HOME/sparsevit4j/evaluations or "
                    + "~/.cache/sparsevit4j/evaluations.")
    Path directory;

    @Option(names = "--no-cache", description = "Neither read nor write the evaluation cache.")
    boolean off;

    ResultCache open(String key) {
        if (off) {
            return ResultCache.inMemory();
        }
        return ResultCache.open(directory != null ? directory : defaultDirectory(), key);
    }

    static Path defaultDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("sparsevit4j").resolve("evaluations");
    }
}
