package org.sparsevit4j.core;

/**
 * The spatial size of a feature map, in tokens: {@code height} rows by {@code width} columns.
 *
 * @param height rows, positive
 * @param width columns, positive
 */
public record FeatureSize(int height, int width) {

    public FeatureSize {
        if (height <= 0 || width <= 0) {
            throw new InvalidInputException(
                    "feature size " + height + "x" + width + " must be positive in both axes");
        }
    }

    /** Number of tokens, {@code height * width}. */
    public int tokens() {
        return height * width;
    }

    @Override
    public String toString() {
        return height + "x" + width;
    }
}
