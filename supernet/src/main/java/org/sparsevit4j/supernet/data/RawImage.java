package org.sparsevit4j.supernet.data;

import java.util.Objects;

/**
 * A decoded 8-bit RGB image before any transform: {@code rgb} holds {@code height x width x 3}
 * bytes (HWC, unsigned), the layout decoders and the scene generator produce most cheaply.
 */
record RawImage(int height, int width, byte[] rgb) {

    RawImage {
        Objects.requireNonNull(rgb, "rgb");
        if (height < 1 || width < 1 || rgb.length != 3L * height * width) {
            throw new IllegalArgumentException("raw image " + height + "x" + width + " with " + rgb.length + " bytes");
        }
    }
}
