package org.sparsevit4j.app;

/**
 * How an operation of the application API reports while it runs: what it is doing, how far along it
 * is, lines worth keeping and warnings. Every method has a silent default, so a caller implements
 * what it shows (the command line draws a progress bar; a batch job logs; a test may ignore all).
 * Called from the operation's own thread.
 */
public interface Progress {

    /** A silent listener. */
    Progress SILENT = new Progress() {
    };

    /** A new phase of the work has begun ({@code "sparsity-aware training of swin_micro"}). */
    default void phase(String description) {
    }

    /** {@code done} of {@code total} units of the current phase, with a short status. */
    default void step(long done, long total, String status) {
    }

    /** A line to keep (a generation's summary, a checkpoint written). */
    default void line(String text) {
    }

    /** Something the user should know that does not stop the work. */
    default void warning(String text) {
    }
}
