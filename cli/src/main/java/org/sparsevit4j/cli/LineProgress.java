package org.sparsevit4j.cli;

import java.io.PrintWriter;
import org.sparsevit4j.app.Progress;

/** Progress as plain lines on stderr, each round of a measurement its own line (bench's output, kept as it was). */
final class LineProgress implements Progress {

    private final PrintWriter err;

    LineProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void phase(String description) {
        line(description);
    }

    @Override
    public void step(long done, long total, String status) {
        line("  " + status);
    }

    @Override
    public void line(String text) {
        err.println(text);
        err.flush();
    }

    @Override
    public void warning(String text) {
        line("warning: " + text);
    }
}
