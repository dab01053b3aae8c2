package org.sparsevit4j.cli;

import org.sparsevit4j.app.Engines;
import picocli.CommandLine.Option;

/** {@code --threads}: intra-op threads of the tensor engine. */
public final class ThreadsOption {

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads per tensor operation (default: the engine's, one per core).")
    Integer threads;

    /** Starts the engine with the requested threads; call before the first tensor is made. */
    void apply() {
        Engines.start(threads);
    }
}
