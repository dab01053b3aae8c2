package org.sparsevit4j.supernet.data;

import org.sparsevit4j.core.SplitMix64;

/**
 * Draws one synthetic sparse scene: a muted, textured background (two octaves of smooth value
 * noise, coarse colour blobs and finer brightness blobs) with two to six small textured objects
 * of distinct {@link SceneClass} kinds, and per-pixel noise over everything. A scene is a pure
 * function of its seed and size.
 *
 * <p>Sizes are relative to the image, so the scene looks the same at any resolution, only finer:
 * each scene draws a foreground target {@code f} uniform in [6%, 14%] of the pixels and splits it
 * over its objects by weight (the first, dominant object 1.6..2.2, the others 0.4..1.0), each
 * object's circumradius following from its share and its shape's area (capped at 30% of the
 * shorter side). Objects lie wholly inside the image and are placed apart where 40 random tries
 * allow, so the realised foreground stays close to {@code f}.
 */
final class SceneGenerator {

    /** Bumped whenever the pictures change, so that cached metrics of old scenes are not reused. */
    static final int VERSION = 1;

    private static final SceneClass[] CLASSES = SceneClass.values();
    private static final double MIN_FOREGROUND = 0.06;
    private static final double MAX_FOREGROUND = 0.14;
    private static final int PLACEMENT_TRIES = 40;
    /** At most one object per class, so the dominant object's class also covers the most pixels. */
    private static final int MAX_OBJECTS = 6;
    private static final int NOISE_AMPLITUDE = 18;

    private SceneGenerator() {
    }

    static RenderedScene render(long seed, int height, int width) {
        SplitMix64 rng = SplitMix64.seeded(seed);
        int[] packed = new int[height * width];
        drawBackground(rng, packed, height, width);
        int[] mask = new int[height * width];
        drawObjects(rng, packed, mask, height, width);
        byte[] rgb = PixelNoise.apply(rng.nextLong(), packed, NOISE_AMPLITUDE);
        return new RenderedScene(new RawImage(height, width, rgb), mask,
                RenderedScene.dominantClass(mask, CLASSES.length));
    }

    /** A muted textured background: a base grey with a tint, coarse colour blobs and finer brightness blobs. */
    static void drawBackground(SplitMix64 rng, int[] packed, int height, int width) {
        double base = 95 + 60 * rng.nextDouble();
        double[] tint = {rng.nextDouble() * 24 - 12, rng.nextDouble() * 24 - 12, rng.nextDouble() * 24 - 12};
        ValueNoise coarse = new ValueNoise(rng, height, width, 3 + rng.nextInt(4), 3, 35, 12);
        ValueNoise fine = new ValueNoise(rng, height, width, 14 + rng.nextInt(10), 1, 14, 0);
        double[] colour = new double[3 * width];
        double[] brightness = new double[width];
        for (int y = 0; y < height; y++) {
            coarse.row(y, colour);
            fine.row(y, brightness);
            int rowBase = y * width;
            for (int x = 0; x < width; x++) {
                double light = base + brightness[x];
                int r = clamp(light + tint[0] + colour[3 * x]);
                int g = clamp(light + tint[1] + colour[3 * x + 1]);
                int b = clamp(light + tint[2] + colour[3 * x + 2]);
                packed[rowBase + x] = r << 16 | g << 8 | b;
            }
        }
    }

    private static void drawObjects(SplitMix64 rng, int[] packed, int[] mask, int height, int width) {
        int count = 2 + rng.nextInt(MAX_OBJECTS - 1);
        double foreground = MIN_FOREGROUND + (MAX_FOREGROUND - MIN_FOREGROUND) * rng.nextDouble();
        double[] weight = new double[count];
        double total = 0;
        for (int i = 0; i < count; i++) {
            weight[i] = i == 0 ? 1.6 + 0.6 * rng.nextDouble() : 0.4 + 0.6 * rng.nextDouble();
            total += weight[i];
        }
        double[] cx = new double[count];
        double[] cy = new double[count];
        double[] radius = new double[count];
        double maxRadius = 0.3 * Math.min(height, width);
        int[] kinds = SeededPermutation.of(CLASSES.length, rng.nextLong());
        for (int i = 0; i < count; i++) {
            SceneClass kind = CLASSES[kinds[i]];
            double area = foreground * height * width * weight[i] / total;
            double r = Math.max(1.5, Math.min(maxRadius, Math.sqrt(area / kind.areaFactor)));
            radius[i] = r;
            place(rng, cx, cy, radius, i, height, width);
            double angle = 2 * Math.PI * rng.nextDouble();
            double brightness = 0.85 + 0.3 * rng.nextDouble();
            int[] colour = {
                kind.red + rng.nextInt(37) - 18, kind.green + rng.nextInt(37) - 18, kind.blue + rng.nextInt(37) - 18};
            fill(kind, cx[i], cy[i], r, angle, brightness, colour, packed, mask, height, width);
        }
    }

    /** Places object {@code i} inside the image, apart from the earlier ones if some try allows. */
    private static void place(SplitMix64 rng, double[] cx, double[] cy, double[] radius, int i, int height, int width) {
        double r = radius[i];
        for (int attempt = 0; attempt < PLACEMENT_TRIES; attempt++) {
            cx[i] = r + (width - 2 * r) * rng.nextDouble();
            cy[i] = r + (height - 2 * r) * rng.nextDouble();
            boolean apart = true;
            for (int j = 0; j < i && apart; j++) {
                double gap = radius[i] + radius[j] + 2;
                double dx = cx[i] - cx[j];
                double dy = cy[i] - cy[j];
                apart = dx * dx + dy * dy >= gap * gap;
            }
            if (apart) {
                return;
            }
        }
    }

    private static void fill(SceneClass kind, double cx, double cy, double r, double angle, double brightness,
            int[] colour, int[] packed, int[] mask, int height, int width) {
        double cos = Math.cos(angle) / r;
        double sin = Math.sin(angle) / r;
        int y0 = Math.max(0, (int) Math.floor(cy - r));
        int y1 = Math.min(height - 1, (int) Math.ceil(cy + r));
        int x0 = Math.max(0, (int) Math.floor(cx - r));
        int x1 = Math.min(width - 1, (int) Math.ceil(cx + r));
        int label = kind.ordinal() + 1;
        for (int y = y0; y <= y1; y++) {
            double dy = y + 0.5 - cy;
            for (int x = x0; x <= x1; x++) {
                double dx = x + 0.5 - cx;
                double u = dx * cos + dy * sin;
                double v = -dx * sin + dy * cos;
                if (!kind.contains(u, v)) {
                    continue;
                }
                double shade = brightness * kind.shade(u, v);
                int p = y * width + x;
                packed[p] = clamp(colour[0] * shade) << 16 | clamp(colour[1] * shade) << 8 | clamp(colour[2] * shade);
                mask[p] = label;
            }
        }
    }

    static int clamp(double v) {
        return v <= 0 ? 0 : v >= 255 ? 255 : (int) v;
    }
}
