package org.sparsevit4j.supernet.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sparsevit4j.core.AtomicFiles;
import org.sparsevit4j.core.SparsityConfig;

/**
 * The training curve as CSV ({@value #FILE} in the run folder): one row per step, appended and
 * flushed as the run goes. A resumed run first drops the rows after its checkpoint, which the
 * interrupted invocation logged but never saved, so the curve has each step once.
 */
final class TrainingLog {

    static final String FILE = "train-log.csv";
    private static final String HEADER = "step,loss,grad_norm,learning_rate,images_per_second,elapsed_seconds,ratios";

    private final Path file;

    TrainingLog(Path runDir, long startStep) {
        file = runDir.resolve(FILE);
        try {
            Files.createDirectories(runDir);
            List<String> kept = new ArrayList<>();
            kept.add(HEADER);
            if (startStep > 0 && Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int comma = line.indexOf(',');
                    if (comma > 0 && Character.isDigit(line.charAt(0))
                            && Long.parseLong(line.substring(0, comma)) <= startStep) {
                        kept.add(line);
                    }
                }
            }
            AtomicFiles.writeString(file, String.join("\n", kept) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the training log", e);
        }
    }

    void append(long step, double loss, double gradNorm, double learningRate, double imagesPerSecond,
            double elapsedSeconds, SparsityConfig config) {
        String row = String.format(Locale.ROOT, "%d,%.6f,%.6g,%.6g,%.3f,%.1f,\"%s\"%n", step, loss, gradNorm,
                learningRate, imagesPerSecond, elapsedSeconds, config.compact());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
            out.write(row);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot append to the training log", e);
        }
    }
}
