package org.sparsevit4j.cli;

import org.sparsevit4j.app.CacheSpec;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where evaluation results are kept across runs. */
public final class CacheOptions {

    /** The help of {@code --cache-dir}, which {@code sparsevit cache} takes too. */
    static final String DIRECTORY_HELP = "Evaluation cache folder. Default: $XDG_CACHE_HOME/sparsevit4j/evaluations or "
            + "~/.cache/sparsevit4j/evaluations.";

    @Option(names = "--cache-dir", paramLabel = "DIR", description = DIRECTORY_HELP)
    Path directory;

    @Option(names = "--no-cache", description = "Neither read nor write the evaluation cache.")
    boolean off;

    /** The options as the application's cache spec. */
    CacheSpec spec() {
        return new CacheSpec(directory, off);
    }
}
