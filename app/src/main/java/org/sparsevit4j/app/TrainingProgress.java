package org.sparsevit4j.app;

import java.nio.file.Path;
import java.util.Locale;
import org.sparsevit4j.supernet.train.TrainingListener;

/** A training run's events as {@link Progress}: a step per optimizer step, a line per checkpoint. */
public final class TrainingProgress implements TrainingListener {

    private final Progress progress;

    public TrainingProgress(Progress progress) {
        this.progress = progress;
    }

    @Override
    public void onStep(Step s) {
        progress.step(s.step(), s.totalSteps(), String.format(Locale.ROOT, "step %d/%d  loss %.4f  lr %.2e  %.1f img/s  "
                + "ETA %s", s.step(), s.totalSteps(), s.loss(), s.learningRate(), s.imagesPerSecond(),
                duration(s.etaSeconds())));
    }

    @Override
    public void onCheckpoint(Path file) {
        progress.line("checkpoint " + file);
    }

    @Override
    public void onMessage(String line) {
        progress.line(line);
    }

    /** {@code 1h02m}, {@code 3m05s} or {@code 42s}; {@code ?} when unknown. */
    public static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
