package org.sparsevit4j.supernet.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.sparsevit4j.core.AtomicFiles;
import org.sparsevit4j.core.Csv;

/**
 * The training curve as CSV ({@value #FILE} in the run folder): one {@link Row} per step, appended
 * and flushed as the run goes. A resumed run first drops the rows after its checkpoint, which the
 * interrupted invocation logged but never saved, so the curve has each step once.
 */
final class TrainingLog {

    static final String FILE = "train-log.csv";

    /** One step: its loss, gradient norm before clipping, learning rate, speed, and configuration. */
    @JsonPropertyOrder({"step", "loss", "grad_norm", "learning_rate", "images_per_second", "elapsed_seconds",
            "ratios"})
    record Row(
            long step,
            double loss,
            @JsonProperty("grad_norm") double gradNorm,
            @JsonProperty("learning_rate") double learningRate,
            @JsonProperty("images_per_second") double imagesPerSecond,
            @JsonProperty("elapsed_seconds") double elapsedSeconds,
            String ratios) {

        /** A step's row, rounded as people read a curve: 6 significant digits, speed and time to 3 and 1 places. */
        static Row of(long step, double loss, double gradNorm, double learningRate, double imagesPerSecond,
                double elapsedSeconds, String ratios) {
            return new Row(step, significant(loss), significant(gradNorm), significant(learningRate),
                    places(imagesPerSecond, 3), places(elapsedSeconds, 1), ratios);
        }

        private static double significant(double v) {
            return Double.isFinite(v) && v != 0 ? new BigDecimal(v).round(new MathContext(6)).doubleValue() : v;
        }

        private static double places(double v, int places) {
            return Double.isFinite(v) ? BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_EVEN).doubleValue() : v;
        }
    }

    private final Path file;

    TrainingLog(Path runDir, long startStep) {
        file = runDir.resolve(FILE);
        try {
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw AtomicFiles.failure(runDir, "cannot create the run folder", e);
        }
        List<Row> kept = startStep > 0 && Files.exists(file)
                ? Csv.read(file, Row.class).stream().filter(r -> r.step() <= startStep).toList()
                : List.of();
        Csv.write(file, Row.class, kept);
    }

    void append(Row row) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
            out.write(Csv.row(Row.class, row));
        } catch (IOException e) {
            throw AtomicFiles.failure(file, "cannot append to the training log", e);
        }
    }
}
