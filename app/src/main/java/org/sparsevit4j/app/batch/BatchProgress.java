package org.sparsevit4j.app.batch;

import java.util.function.LongSupplier;
import org.sparsevit4j.app.Progress;
import org.sparsevit4j.app.TrainingProgress;

/**
 * One progress display for a whole job: each target's search reports its generations as it would
 * alone, and this turns them into steps of the job (target i of n, its generation, the time left),
 * so the display runs once from start to end instead of once per target. The time left is
 * estimated from the generations this process has run, so a resumed job does not count the work
 * done before it as fast.
 */
final class BatchProgress implements Progress {

    private final Progress outer;
    private final int targets;
    private final int unitsPerTarget;
    private final LongSupplier clock;
    private int index = -1;
    private String name = "";
    private long startNanos = -1;
    private long startUnits;

    /**
     * @param unitsPerTarget steps a target's search reports ({@link org.sparsevit4j.app.Searches#progressSteps}):
     *     the initial population, each generation, then the baselines and files
     * @param clock nanoseconds, {@link System#nanoTime} but in tests
     */
    BatchProgress(Progress outer, int targets, int unitsPerTarget, LongSupplier clock) {
        this.outer = outer;
        this.targets = targets;
        this.unitsPerTarget = unitsPerTarget;
        this.clock = clock;
    }

    /** Target {@code number} (1-based) begins; its steps count from the targets before it. */
    void target(int number, String targetName) {
        index = number - 1;
        name = targetName;
        outer.line("target " + number + "/" + targets + ": " + targetName);
    }

    @Override
    public void phase(String description) {
        outer.line(description);
    }

    @Override
    public void step(long done, long total, String status) {
        long units = (long) index * unitsPerTarget + Math.min(done, unitsPerTarget);
        long all = (long) targets * unitsPerTarget;
        long now = clock.getAsLong();
        if (startNanos < 0) {
            startNanos = now;
            startUnits = units;
        }
        String left = units > startUnits ? "~" + TrainingProgress.duration((now - startNanos) / 1e9
                / (units - startUnits) * (all - units)) + " left" : "time left not known yet";
        // the initial population counts as generation 0; the last step (baselines, files) is no generation
        long generations = total - 1;
        outer.step(units, all, "target " + (index + 1) + "/" + targets + " " + name + ", "
                + Math.min(done, generations) + "/" + generations + " generations: " + status + "; " + left);
    }

    @Override
    public void line(String text) {
        outer.line(text);
    }

    @Override
    public void warning(String text) {
        outer.warning(text);
    }
}
