package org.sparsevit4j.profiler;

import java.util.Objects;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.supernet.model.Precision;

/**
 * The fixed input a latency is measured at: images per pass, their size, and the precision the
 * model computes in. Latency figures and tables only compare within one input shape.
 */
public record InputShape(int batch, int height, int width, Precision precision) {

    public InputShape {
        if (batch < 1) {
            throw new InvalidInputException("--batch " + batch + " must be at least 1");
        }
        if (height < 1 || width < 1) {
            throw new InvalidInputException("resolution " + height + "x" + width + " must be positive");
        }
        Objects.requireNonNull(precision, "precision");
    }

    /** An input timed in float32. */
    public InputShape(int batch, int height, int width) {
        this(batch, height, width, Precision.F32);
    }

    /** {@code 672x672}, or {@code 256x192}. */
    public String resolution() {
        return height + "x" + width;
    }

    /** {@code 672x672, batch 1} with {@code , f16} when not float32. */
    public String describe() {
        return resolution() + ", batch " + batch + (precision == Precision.F32 ? "" : ", " + precision.cliName());
    }
}
