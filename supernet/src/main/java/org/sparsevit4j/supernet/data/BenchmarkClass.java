package org.sparsevit4j.supernet.data;

/**
 * The object classes of the built-in benchmark ({@link BenchmarkGenerator}): three fill hues times two
 * rim tones. The rim is a band {@value BenchmarkGenerator#RIM_WIDTH} pixels wide around the shape, light
 * or dark; the fill's hue varies within its third of the colour wheel.
 *
 * <p>Why this makes sparsity cost accuracy: a pixel inside a shape sees its fill, and only its fill;
 * which rim surrounds it, and so which of two classes it is, takes context from up to a shape's
 * radius away, which the attention of the blocks brings and a window that skips them does not. Why
 * downsampling costs: the rim is a detail of a few pixels, which a smaller input blurs into the fill
 * and the background.
 */
enum BenchmarkClass {
    RED_LIGHT("red-light", 0, true),
    GREEN_LIGHT("green-light", 2, true),
    BLUE_LIGHT("blue-light", 4, true),
    RED_DARK("red-dark", 0, false),
    GREEN_DARK("green-dark", 2, false),
    BLUE_DARK("blue-dark", 4, false);

    private final String displayName;
    /** Centre of the fill's hue, on a wheel of 6 (0 red, 2 green, 4 blue). */
    final double hue;
    /** Whether the rim is light (else dark). */
    final boolean lightRim;

    BenchmarkClass(String displayName, double hue, boolean lightRim) {
        this.displayName = displayName;
        this.hue = hue;
        this.lightRim = lightRim;
    }

    String displayName() {
        return displayName;
    }
}
