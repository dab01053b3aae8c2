package org.sparsevit4j.cli;

import java.io.PrintWriter;
import org.sparsevit4j.app.Progress;
import org.sparsevit4j.app.TrainingProgress;

/**
 * The application's progress on stderr: phases and lines printed, steps drawn as a {@link ProgressBar},
 * with the time elapsed and left where the work does not report it itself.
 */
final class CliProgress implements Progress, AutoCloseable {

    private final ProgressBar bar;
    private final boolean eta;
    private long phaseStart = System.nanoTime();

    /** Steps as the work reports them. */
    CliProgress(PrintWriter err) {
        this(err, false);
    }

    /** @param eta whether each step's status gets the time elapsed in the phase and an estimate of the time left */
    CliProgress(PrintWriter err, boolean eta) {
        this.bar = new ProgressBar(err);
        this.eta = eta;
    }

    @Override
    public void phase(String description) {
        bar.finish();
        bar.println(description);
        phaseStart = System.nanoTime();
    }

    @Override
    public void step(long done, long total, String status) {
        if (!eta) {
            bar.update(done, total, status);
            return;
        }
        double elapsed = (System.nanoTime() - phaseStart) / 1e9;
        String left = done > 0 ? TrainingProgress.duration(elapsed / done * Math.max(0, total - done)) : "?";
        bar.update(done, total, status + ", " + TrainingProgress.duration(elapsed) + " elapsed, ~" + left + " left");
    }

    @Override
    public void line(String text) {
        bar.println(text);
    }

    @Override
    public void warning(String text) {
        bar.println("warning: " + text);
    }

    /** Ends the bar's line. */
    @Override
    public void close() {
        bar.finish();
    }
}
