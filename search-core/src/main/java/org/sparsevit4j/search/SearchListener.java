package org.sparsevit4j.search;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Receives the search's progress on the search's own thread: one event per generation, after
 * that generation's state was written (so a failing listener never loses work), plus warnings and
 * phase changes. The CLI turns events into its progress bar and log lines.
 */
public interface SearchListener {

    /** Called once per completed generation, including generation 0 (the initial population). */
    void onGeneration(GenerationReport report);

    /** A condition the user should know about, e.g. a budget that every configuration meets. */
    default void onWarning(String message) {
    }

    /** A phase starts, e.g. the baselines after the last generation; {@code message} is one line. */
    default void onPhase(String message) {
    }

    /** A listener that ignores everything. */
    static SearchListener silent() {
        return report -> {
        };
    }

    /** Writes one line per event to {@code sink}: {@link ProgressLogFormatter}'s line, or the warning/phase text. */
    static SearchListener logTo(Consumer<String> sink) {
        Objects.requireNonNull(sink, "sink");
        return new SearchListener() {
            @Override
            public void onGeneration(GenerationReport report) {
                sink.accept(ProgressLogFormatter.format(report));
            }

            @Override
            public void onWarning(String message) {
                sink.accept("warning: " + message);
            }

            @Override
            public void onPhase(String message) {
                sink.accept(message);
            }
        };
    }
}
