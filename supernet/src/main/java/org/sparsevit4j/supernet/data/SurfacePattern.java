package org.sparsevit4j.supernet.data;

/**
 * Faint fine patterns on the surfaces of the benchmark's shapes ({@link BenchmarkGenerator}), drawn
 * independently of the class: they make every surface busy, so that the rim that tells the class is
 * not the only edge in a window. Four gratings of one period ({@value #PERIOD} pixels) in four
 * orientations, a checked pattern, and none.
 */
enum SurfacePattern {
    HORIZONTAL, VERTICAL, DIAGONAL, ANTIDIAGONAL, CHECKED, PLAIN;

    /** Period of the gratings in pixels, along their normal. */
    static final double PERIOD = 3.2;
    /** Cell pitch of the checked pattern: its two diagonal components have the gratings' period. */
    private static final double CHECK_PERIOD = PERIOD * Math.sqrt(2);
    private static final double TWO_PI = 2 * Math.PI;
    private static final double DIAGONAL_STEP = TWO_PI / (PERIOD * Math.sqrt(2));

    /** The pattern at pixel centre {@code (x, y)}, in [-1, 1], shifted by the shape's own phases. */
    double at(double x, double y, double phase, double phase2) {
        return switch (this) {
            case HORIZONTAL -> Math.sin(TWO_PI * y / PERIOD + phase);
            case VERTICAL -> Math.sin(TWO_PI * x / PERIOD + phase);
            case DIAGONAL -> Math.sin(DIAGONAL_STEP * (x + y) + phase);
            case ANTIDIAGONAL -> Math.sin(DIAGONAL_STEP * (x - y) + phase);
            case CHECKED -> Math.sin(TWO_PI * x / CHECK_PERIOD + phase) * Math.sin(TWO_PI * y / CHECK_PERIOD + phase2);
            case PLAIN -> 0;
        };
    }
}
