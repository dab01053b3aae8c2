package org.sparsevit4j.cli;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.sparsevit4j.core.InvalidInputException;
import picocli.CommandLine.Option;

/** {@code --threads}: intra-op threads of the tensor engine. */
public final class ThreadsOption {

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads per tensor operation (default: the engine's, one per core).")
    Integer threads;

    /** Starts the engine with the requested threads; call before the first tensor is made. */
    void apply() {
        if (threads != null) {
            if (threads < 1) {
                throw new InvalidInputException("--threads " + threads + " must be at least 1");
            }
            // read once when the engine starts; set here for a fresh process, and directly for a warm one
            System.setProperty("ai.djl.pytorch.num_threads", threads.toString());
        }
        Engine.getEngine("PyTorch");
        if (threads != null) {
            JniUtils.setNumThreads(threads);
        }
    }
}
