package org.sparsevit4j.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of long work on stderr: one line redrawn in place on a terminal, or a plain line at
 * most every few seconds (and at the end) when stderr goes to a file, so that logs stay readable.
 */
final class ProgressBar {

    private static final int WIDTH = 24;
    private static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private long lastPlain;
    private boolean drawn;
    // work that keeps reporting once complete (a search's baselines after its last generation) prints its
    // 100% line once, then at the interval like the rest
    private boolean completePrinted;

    ProgressBar(PrintWriter err) {
        this.err = err;
        this.terminal = System.console() != null && System.getenv("SPARSEVIT_PLAIN_PROGRESS") == null;
    }

    /** Shows {@code done} of {@code total} with a status text. */
    void update(long done, long total, String status) {
        double fraction = total <= 0 ? 1 : Math.min(1, (double) done / total);
        if (terminal) {
            int filled = (int) Math.round(fraction * WIDTH);
            err.print(String.format(Locale.ROOT, "\r[%s%s] %3.0f%% %s\033[K", "#".repeat(filled),
                    "-".repeat(WIDTH - filled), 100 * fraction, status));
            err.flush();
            drawn = true;
            return;
        }
        long now = System.nanoTime();
        boolean complete = done >= total;
        if ((complete && !completePrinted) || now - lastPlain >= PLAIN_INTERVAL_NANOS) {
            lastPlain = now;
            completePrinted = complete;
            err.println(String.format(Locale.ROOT, "%3.0f%% %s", 100 * fraction, status));
            err.flush();
        }
    }

    /** A line of its own, above the bar. */
    void println(String line) {
        if (terminal && drawn) {
            err.print("\r\033[K");
        }
        err.println(line);
        err.flush();
    }

    /** Ends the bar's line. */
    void finish() {
        if (terminal && drawn) {
            err.println();
            err.flush();
            drawn = false;
        }
        completePrinted = false;
    }
}
