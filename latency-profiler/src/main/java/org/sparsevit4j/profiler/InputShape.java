package org.sparsevit4j.profiler;

import org.sparsevit4j.core.InvalidInputException;

/**
 * The fixed input a latency is measured at: images per pass and their size (float32). Latency
 * figures and tables only compare within one input shape.
 */
public record InputShape(int batch, int height, int width) {

    public InputShape {
        if (batch < 1) {
            throw new InvalidInputException("--batch " + batch + " must be at least 1");
        }
        if (height < 1 || width < 1) {
            throw new InvalidInputException("resolution " + height + "x" + width + " must be positive");
        }
    }

    /** {@code 672x672}, or {@code 256x192}. */
    public String resolution() {
        return height + "x" + width;
    }
}
