package org.sparsevit4j.supernet.data;

import org.sparsevit4j.core.SplitMix64;

/**
 * Draws one scene of the built-in benchmark, made so that window pruning has a price and the
 * per-layer choice matters (see {@link BenchmarkClass} for why the classes need context):
 *
 * <ul>
 *   <li>small objects, {@value #MIN_OBJECTS} to {@value #MAX_OBJECTS} a scene, each a convex shape with
 *       a rim {@value #RIM_WIDTH} pixels wide whose tone (light or dark), together with the fill's hue,
 *       is the class; outline, size, angle and the faint pattern on the fill ({@link SurfacePattern})
 *       are drawn independently of the class; pixel noise of ±{@value #NOISE_AMPLITUDE} over all;</li>
 *   <li>several scales: the circumradius is log-uniform in [{@value #MIN_RADIUS}, {@value #MAX_RADIUS}]
 *       of the shorter side, from a few patches to a window of the first stage;</li>
 *   <li>density that varies across the image and from scene to scene: most objects gather around one to
 *       three centres, the rest are spread, so that which windows hold objects differs from scene to
 *       scene (about a third of the first stage's windows on average at 224x224) and the importance
 *       ranking decides which survive;</li>
 *   <li>clutter: up to {@value #MAX_CLUTTER} grey shapes with the same rims, which belong to the
 *       background, so that neither a rim nor strong activations alone mean an object.</li>
 * </ul>
 *
 * <p>Sizes are relative to the image; the rim and the patterns are not (their widths are in pixels,
 * the detail that resolution carries). A scene is a pure function of its seed and size.
 */
final class BenchmarkGenerator {

    /** Bumped whenever the pictures change, so that cached metrics of old scenes are not reused. */
    static final int VERSION = 1;
    /** Width of a shape's rim in pixels. */
    static final double RIM_WIDTH = 2.5;

    private static final BenchmarkClass[] CLASSES = BenchmarkClass.values();
    private static final SurfacePattern[] PATTERNS = SurfacePattern.values();
    private static final int MIN_OBJECTS = 4;
    private static final int MAX_OBJECTS = 16;
    private static final int MAX_CLUTTER = 8;
    private static final double MIN_RADIUS = 0.03;
    private static final double MAX_RADIUS = 0.12;
    /** Share of the shapes drawn around a cluster centre rather than anywhere. */
    private static final double CLUSTERED = 0.8;
    /** Spread of a cluster, as a share of the shorter side. */
    private static final double CLUSTER_SPREAD = 0.10;
    /** Depth of the surface pattern: brightness varies by ± this share. */
    private static final double PATTERN_AMPLITUDE = 0.10;
    private static final int NOISE_AMPLITUDE = 30;
    private static final int PLACEMENT_TRIES = 40;
    /** Convex outlines only: a rim inside a cross's arm or a ring would leave no fill. */
    private static final SceneClass[] OUTLINES = {
        SceneClass.DISC, SceneClass.SQUARE, SceneClass.TRIANGLE, SceneClass.DIAMOND};
    private static final int[] LIGHT_RIM = {235, 235, 230};
    private static final int[] DARK_RIM = {25, 25, 30};

    private BenchmarkGenerator() {
    }

    /** The object classes' names, in class order (1-based in masks). */
    static String[] classNames() {
        String[] names = new String[CLASSES.length];
        for (int i = 0; i < CLASSES.length; i++) {
            names[i] = CLASSES[i].displayName();
        }
        return names;
    }

    static RenderedScene render(long seed, int height, int width) {
        SplitMix64 rng = SplitMix64.seeded(seed);
        int[] packed = new int[height * width];
        SceneGenerator.drawBackground(rng, packed, height, width);
        int[] mask = new int[height * width];
        double side = Math.min(height, width);
        int centres = 1 + rng.nextInt(3);
        double[][] centre = new double[centres][];
        for (int c = 0; c < centres; c++) {
            centre[c] = new double[] {width * (0.15 + 0.7 * rng.nextDouble()), height * (0.15 + 0.7 * rng.nextDouble())};
        }
        int clutter = rng.nextInt(MAX_CLUTTER + 1);
        int objects = MIN_OBJECTS + rng.nextInt(MAX_OBJECTS - MIN_OBJECTS + 1);
        Placement placement = new Placement(clutter + objects);
        // clutter first, so that objects are drawn over it and every object pixel is labelled as drawn
        for (int i = 0; i < clutter + objects; i++) {
            boolean object = i >= clutter;
            double r = side * MIN_RADIUS * Math.exp(Math.log(MAX_RADIUS / MIN_RADIUS) * rng.nextDouble());
            double[] near = rng.nextDouble() < CLUSTERED ? centre[rng.nextInt(centres)] : null;
            placement.place(rng, r, near, side * CLUSTER_SPREAD, height, width);
            BenchmarkClass kind = CLASSES[rng.nextInt(CLASSES.length)];
            Shape shape = new Shape(OUTLINES[rng.nextInt(OUTLINES.length)], placement.x(i), placement.y(i), r,
                    2 * Math.PI * rng.nextDouble());
            int[] fill = object ? fill(rng, kind.hue) : grey(rng);
            int[] rim = jitter(rng, kind.lightRim ? LIGHT_RIM : DARK_RIM);
            SurfacePattern pattern = PATTERNS[rng.nextInt(PATTERNS.length)];
            double phase = 2 * Math.PI * rng.nextDouble();
            double phase2 = 2 * Math.PI * rng.nextDouble();
            int label = object ? kind.ordinal() + 1 : 0;
            shape.draw(0, rim, SurfacePattern.PLAIN, 0, 0, packed, mask, label, height, width);
            shape.draw(RIM_WIDTH, fill, pattern, phase, phase2, packed, mask, label, height, width);
        }
        byte[] rgb = PixelNoise.apply(rng.nextLong(), packed, NOISE_AMPLITUDE);
        return new RenderedScene(new RawImage(height, width, rgb), mask,
                RenderedScene.dominantClass(mask, CLASSES.length));
    }

    /** A saturated colour whose hue lies within ±0.3 of {@code hue} on a wheel of 6 (HSV, s and v 0.6..0.9). */
    private static int[] fill(SplitMix64 rng, double hue) {
        double h = (hue + 0.6 * (rng.nextDouble() - 0.5) + 6) % 6;
        double s = 0.6 + 0.3 * rng.nextDouble();
        double v = 255 * (0.6 + 0.3 * rng.nextDouble());
        int sector = (int) h;
        double f = h - sector;
        double p = v * (1 - s);
        double q = v * (1 - s * f);
        double t = v * (1 - s * (1 - f));
        double[] rgb = switch (sector) {
            case 0 -> new double[] {v, t, p};
            case 1 -> new double[] {q, v, p};
            case 2 -> new double[] {p, v, t};
            case 3 -> new double[] {p, q, v};
            case 4 -> new double[] {t, p, v};
            default -> new double[] {v, p, q};
        };
        return new int[] {(int) rgb[0], (int) rgb[1], (int) rgb[2]};
    }

    /** A grey with a faint tint, as the background's. */
    private static int[] grey(SplitMix64 rng) {
        return jitter(rng, new int[] {130, 130, 130}, 60, 8);
    }

    private static int[] jitter(SplitMix64 rng, int[] colour) {
        return jitter(rng, colour, 12, 4);
    }

    /** {@code colour} shifted by one draw of ±{@code level} for all channels and ±{@code tint} for each. */
    private static int[] jitter(SplitMix64 rng, int[] colour, int level, int tint) {
        int shift = rng.nextInt(2 * level + 1) - level;
        int[] out = new int[3];
        for (int c = 0; c < 3; c++) {
            out[c] = SceneGenerator.clamp(colour[c] + shift + rng.nextInt(2 * tint + 1) - tint);
        }
        return out;
    }

    /** An outline placed, sized and turned; drawn inset by some pixels for the fill inside the rim. */
    private record Shape(SceneClass outline, double cx, double cy, double r, double angle) {

        /**
         * Paints the shape shrunk by {@code inset} pixels with {@code colour} under {@code pattern}, and
         * labels its pixels {@code label} (0 leaves the mask as it is: clutter is background).
         */
        void draw(double inset, int[] colour, SurfacePattern pattern, double phase, double phase2, int[] packed,
                int[] mask, int label, int height, int width) {
            double radius = r - inset;
            if (radius <= 0.5) {
                return;
            }
            double cos = Math.cos(angle) / radius;
            double sin = Math.sin(angle) / radius;
            int y0 = Math.max(0, (int) Math.floor(cy - radius));
            int y1 = Math.min(height - 1, (int) Math.ceil(cy + radius));
            int x0 = Math.max(0, (int) Math.floor(cx - radius));
            int x1 = Math.min(width - 1, (int) Math.ceil(cx + radius));
            for (int y = y0; y <= y1; y++) {
                double dy = y + 0.5 - cy;
                for (int x = x0; x <= x1; x++) {
                    double dx = x + 0.5 - cx;
                    if (!outline.contains(dx * cos + dy * sin, -dx * sin + dy * cos)) {
                        continue;
                    }
                    double shade = 1 + PATTERN_AMPLITUDE * pattern.at(x + 0.5, y + 0.5, phase, phase2);
                    int p = y * width + x;
                    packed[p] = SceneGenerator.clamp(colour[0] * shade) << 16
                            | SceneGenerator.clamp(colour[1] * shade) << 8 | SceneGenerator.clamp(colour[2] * shade);
                    if (label != 0) {
                        mask[p] = label;
                    }
                }
            }
        }
    }

    /** Centres of the shapes drawn so far, kept apart where a few random tries allow. */
    private static final class Placement {
        private final double[] x;
        private final double[] y;
        private final double[] r;
        private int count;

        Placement(int capacity) {
            x = new double[capacity];
            y = new double[capacity];
            r = new double[capacity];
        }

        /** Places the next shape of radius {@code radius} wholly inside the image, near {@code near} when given. */
        void place(SplitMix64 rng, double radius, double[] near, double spread, int height, int width) {
            int i = count++;
            r[i] = radius;
            for (int attempt = 0; attempt < PLACEMENT_TRIES; attempt++) {
                double px = near == null ? width * rng.nextDouble() : near[0] + spread * gaussian(rng);
                double py = near == null ? height * rng.nextDouble() : near[1] + spread * gaussian(rng);
                x[i] = Math.max(radius, Math.min(width - radius, px));
                y[i] = Math.max(radius, Math.min(height - radius, py));
                if (apart(i)) {
                    return;
                }
            }
        }

        private boolean apart(int i) {
            for (int j = 0; j < i; j++) {
                double gap = r[i] + r[j] + 2;
                double dx = x[i] - x[j];
                double dy = y[i] - y[j];
                if (dx * dx + dy * dy < gap * gap) {
                    return false;
                }
            }
            return true;
        }

        double x(int i) {
            return x[i];
        }

        double y(int i) {
            return y[i];
        }

        /** A standard normal draw (Box-Muller), from the scene's own generator. */
        private static double gaussian(SplitMix64 rng) {
            double u = 1 - rng.nextDouble();
            return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
        }
    }
}
