package org.sparsevit4j.supernet.data;

/**
 * The object classes of {@link SyntheticScenes}: each has its own shape, its own texture and its
 * own saturated hue, against a muted background, so that a class can be told from a few pixels of
 * its surface (colour and texture) as well as from its outline. Shapes live in object coordinates
 * {@code (u, v)} scaled so that the shape fits the unit circle; textures are drawn in the same
 * rotated frame, so they scale and turn with the object.
 */
enum SceneClass {
    /** Red disc with a bright centre. */
    DISC("disc", Math.PI, 205, 45, 40),
    /** Green square with stripes. */
    SQUARE("square", 2.0, 40, 165, 55),
    /** Blue triangle with a checkerboard. */
    TRIANGLE("triangle", 3 * Math.sqrt(3) / 4, 45, 80, 215),
    /** Yellow ring, plain. */
    RING("ring", Math.PI * (1 - 0.55 * 0.55), 225, 195, 35),
    /** Magenta cross with diagonal stripes. */
    CROSS("cross", 2 * 0.6 * 1.9 - 0.36, 195, 45, 185),
    /** Cyan elongated diamond with dots. */
    DIAMOND("diamond", 2 * 0.55, 35, 190, 205);

    private static final double HALF_SIDE = Math.sqrt(0.5);
    private static final double SQRT3 = Math.sqrt(3);

    private final String displayName;
    /** Area of the shape in units of the squared circumradius. */
    final double areaFactor;
    final int red;
    final int green;
    final int blue;

    SceneClass(String displayName, double areaFactor, int red, int green, int blue) {
        this.displayName = displayName;
        this.areaFactor = areaFactor;
        this.red = red;
        this.green = green;
        this.blue = blue;
    }

    String displayName() {
        return displayName;
    }

    /** Whether {@code (u, v)}, in units of the circumradius, is inside the shape. */
    boolean contains(double u, double v) {
        return switch (this) {
            case DISC -> u * u + v * v <= 1;
            case SQUARE -> Math.abs(u) <= HALF_SIDE && Math.abs(v) <= HALF_SIDE;
            case TRIANGLE -> v >= -0.5 && SQRT3 * u + v <= 1 && -SQRT3 * u + v <= 1;
            case RING -> {
                double r2 = u * u + v * v;
                yield r2 <= 1 && r2 >= 0.55 * 0.55;
            }
            case CROSS -> (Math.abs(u) <= 0.3 && Math.abs(v) <= 0.95) || (Math.abs(v) <= 0.3 && Math.abs(u) <= 0.95);
            case DIAMOND -> Math.abs(u) / 0.55 + Math.abs(v) <= 1;
        };
    }

    /** The brightness factor of the texture at {@code (u, v)}. */
    double shade(double u, double v) {
        return switch (this) {
            case DISC -> 1.15 - 0.35 * (u * u + v * v);
            case SQUARE -> parity(Math.floor(u / 0.28)) ? 1.0 : 0.55;
            case TRIANGLE -> parity(Math.floor(u / 0.3) + Math.floor(v / 0.3)) ? 1.0 : 0.5;
            case RING -> 1.0;
            case CROSS -> parity(Math.floor((u + v) / 0.25)) ? 1.0 : 0.6;
            case DIAMOND -> {
                double du = u / 0.22 - Math.floor(u / 0.22) - 0.5;
                double dv = v / 0.22 - Math.floor(v / 0.22) - 0.5;
                yield du * du + dv * dv < 0.09 ? 0.45 : 1.0;
            }
        };
    }

    private static boolean parity(double cell) {
        return (((long) cell) & 1L) == 0;
    }
}
