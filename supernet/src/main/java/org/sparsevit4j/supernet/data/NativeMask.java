package org.sparsevit4j.supernet.data;

import java.util.Objects;
import org.sparsevit4j.core.InvalidInputException;

/**
 * A segmentation target at the resolution of its label file, before any resize: what an
 * evaluation scores against, so that the metric is computed at label resolution (as mmseg does)
 * whatever resolution the model runs at. One byte per pixel, since class indices and the ignore
 * index are below 256 and a search keeps a split's targets in memory.
 *
 * @param height rows of the label file
 * @param width columns of the label file
 * @param classes {@code height x width} class indices (the ignore index where not scored), unsigned, row-major
 */
public record NativeMask(int height, int width, byte[] classes) {

    public NativeMask {
        Objects.requireNonNull(classes, "classes");
        if (height < 1 || width < 1 || classes.length != (long) height * width) {
            throw new InvalidInputException("native mask " + height + "x" + width + " with " + classes.length
                    + " values");
        }
    }

    /** The mask of {@code values} (each 0..255), {@code height x width}, row-major. */
    static NativeMask of(int[] values, int height, int width) {
        byte[] classes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            classes[i] = (byte) values[i];
        }
        return new NativeMask(height, width, classes);
    }

    /** The class of pixel {@code i} (row-major). */
    public int classAt(int i) {
        return classes[i] & 0xFF;
    }

    /** Pixels. */
    public int size() {
        return classes.length;
    }
}
