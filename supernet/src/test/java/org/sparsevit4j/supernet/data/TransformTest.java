package org.sparsevit4j.supernet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sparsevit4j.core.InvalidInputException;

class TransformTest {

    private static final int IGNORE = 255;
    private static final int BLOCK = 16;

    /** Blocks of {@value #BLOCK} pixels, each with its own colour; the mask holds the block's number. */
    private static final class BlockPattern {
        final RawImage image;
        final int[] mask;
        final int blocks;

        BlockPattern(int height, int width) {
            byte[] rgb = new byte[3 * height * width];
            mask = new int[height * width];
            int across = (width + BLOCK - 1) / BLOCK;
            blocks = across * ((height + BLOCK - 1) / BLOCK);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int b = (y / BLOCK) * across + x / BLOCK;
                    int p = y * width + x;
                    mask[p] = b;
                    int[] c = colour(b);
                    rgb[3 * p] = (byte) c[0];
                    rgb[3 * p + 1] = (byte) c[1];
                    rgb[3 * p + 2] = (byte) c[2];
                }
            }
            image = new RawImage(height, width, rgb);
        }

        static int[] colour(int block) {
            return new int[] {(block * 37 + 11) % 251, (block * 91 + 5) % 241, (block * 53 + 29) % 239};
        }
    }

    private static float[] normalized(int[] rgb) {
        float[] v = new float[3];
        for (int c = 0; c < 3; c++) {
            v[c] = ImageNetNormalization.normalize(c, rgb[c]);
        }
        return v;
    }

    private static boolean pixelEquals(Sample s, int p, float[] colour, float tolerance) {
        int plane = s.height() * s.width();
        for (int c = 0; c < 3; c++) {
            if (Math.abs(s.image()[c * plane + p] - colour[c]) > tolerance) {
                return false;
            }
        }
        return true;
    }

    @Test
    void evalAtTheNativeSizeIsTheNormalizedImage() {
        BlockPattern pattern = new BlockPattern(30, 50);
        Sample s = TransformPipeline.apply(pattern.image, pattern.mask, -1, IGNORE, Transform.eval(30, 50), 0);
        assertArrayEquals(pattern.mask, s.mask());
        for (int p = 0; p < 30 * 50; p++) {
            assertTrue(pixelEquals(s, p, normalized(BlockPattern.colour(pattern.mask[p])), 1e-5f), "pixel " + p);
        }
    }

    @Test
    void evalResizesToExactlyTheRequestedSize() {
        BlockPattern pattern = new BlockPattern(64, 96);
        Sample s = TransformPipeline.apply(pattern.image, pattern.mask, -1, IGNORE, Transform.eval(40, 30), 0);
        assertEquals(40, s.height());
        assertEquals(30, s.width());
        assertEquals(3 * 40 * 30, s.image().length);
        // nearest sampling picks the block under the output pixel's centre
        assertEquals(pattern.mask[(int) ((0.5 * 64 / 40)) * 96 + (int) (0.5 * 96 / 30)], s.mask()[0]);
        assertEquals(pattern.mask[(int) ((39.5 * 64 / 40)) * 96 + (int) (29.5 * 96 / 30)], s.mask()[40 * 30 - 1]);
    }

    @Test
    void downscalingIsAntialiased() {
        // A 1-pixel checkerboard shrunk 3x: plain bilinear would read single pixels (0 or 255).
        int n = 48;
        byte[] rgb = new byte[3 * n * n];
        for (int p = 0; p < n * n; p++) {
            byte v = (byte) (((p / n + p % n) & 1) == 0 ? 0 : 255);
            rgb[3 * p] = v;
            rgb[3 * p + 1] = v;
            rgb[3 * p + 2] = v;
        }
        Sample s = TransformPipeline.apply(new RawImage(n, n, rgb), null, 0, IGNORE, Transform.eval(16, 16), 0);
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < 256; p++) {
                float v = ImageNetNormalization.denormalize(c, s.image()[c * 256 + p]);
                assertTrue(v > 100 && v < 155, "channel " + c + " pixel " + p + " = " + v);
            }
        }
    }

    @Test
    void trainingCropsAndFlipsKeepImageAndMaskAligned() {
        BlockPattern pattern = new BlockPattern(96, 128);
        float[][] colours = new float[pattern.blocks][];
        for (int b = 0; b < pattern.blocks; b++) {
            colours[b] = normalized(BlockPattern.colour(b));
        }
        Transform transform = Transform.train(64, 64);
        long pure = 0;
        long scored = 0;
        for (long seed = 0; seed < 40; seed++) {
            Sample s = TransformPipeline.apply(pattern.image, pattern.mask, -1, IGNORE, transform, seed);
            for (int p = 0; p < 64 * 64; p++) {
                int label = s.mask()[p];
                if (label == IGNORE) {
                    assertTrue(pixelEquals(s, p, new float[3], 0f), "padding must be 0, seed " + seed);
                    continue;
                }
                scored++;
                // A pixel showing exactly one block's colour must carry that block's label.
                for (int b = 0; b < pattern.blocks; b++) {
                    if (pixelEquals(s, p, colours[b], 1e-4f)) {
                        assertEquals(b, label, "seed " + seed + " pixel " + p);
                        pure++;
                    }
                }
            }
        }
        assertTrue(pure > scored / 2, "the check must see mostly pure pixels: " + pure + " of " + scored);
    }

    @Test
    void flipsMirrorImageAndMaskTogetherAboutHalfTheTime() {
        BlockPattern pattern = new BlockPattern(48, 48);
        Transform flipOnly = new Transform(48, 48, true, 1, 1, true);
        Sample plain = TransformPipeline.apply(pattern.image, pattern.mask, -1, IGNORE, Transform.eval(48, 48), 0);
        int flipped = 0;
        int trials = 200;
        for (long seed = 0; seed < trials; seed++) {
            Sample s = TransformPipeline.apply(pattern.image, pattern.mask, -1, IGNORE, flipOnly, seed);
            if (Arrays.equals(s.mask(), plain.mask())) {
                assertArrayEquals(plain.image(), s.image(), 1e-6f);
                continue;
            }
            flipped++;
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 48; x++) {
                    int p = y * 48 + x;
                    int q = y * 48 + 47 - x;
                    assertEquals(plain.mask()[q], s.mask()[p]);
                    for (int c = 0; c < 3; c++) {
                        assertEquals(plain.image()[c * 2304 + q], s.image()[c * 2304 + p], 1e-6f);
                    }
                }
            }
        }
        // Binomial(200, 0.5): 70..130 fails with probability below 1e-5 (the seeds are fixed anyway).
        assertTrue(flipped > 70 && flipped < 130, "flipped " + flipped + " of " + trials);
        Transform noFlip = new Transform(48, 48, true, 1, 1, false);
        for (long seed = 0; seed < 20; seed++) {
            assertArrayEquals(plain.mask(), TransformPipeline.apply(pattern.image, pattern.mask, -1, IGNORE, noFlip,
                    seed).mask());
        }
    }

    @Test
    void aSmallScalePadsWithZerosAndTheIgnoreIndex() {
        BlockPattern pattern = new BlockPattern(20, 20);
        // base scale 2 (20 covers 40 at 2) times jitter 0.5: the 20x20 image lands somewhere in a 40x40 canvas
        Transform shrink = new Transform(40, 40, true, 0.5, 0.5, false);
        Set<Integer> placements = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            Sample s = TransformPipeline.apply(pattern.image, pattern.mask, -1, IGNORE, shrink, seed);
            int ignored = 0;
            int firstScored = -1;
            for (int p = 0; p < 1600; p++) {
                if (s.mask()[p] == IGNORE) {
                    ignored++;
                    assertTrue(pixelEquals(s, p, new float[3], 0f));
                } else if (firstScored < 0) {
                    firstScored = p;
                }
            }
            assertEquals(1600 - 400, ignored);
            placements.add(firstScored);
        }
        assertTrue(placements.size() > 1, "placement inside the padding is random");
    }

    @Test
    void theSameSeedGivesTheSameSampleAndOtherSeedsDiffer() {
        BlockPattern pattern = new BlockPattern(80, 80);
        Transform transform = Transform.train(56, 56);
        Sample a = TransformPipeline.apply(pattern.image, pattern.mask, -1, IGNORE, transform, 42);
        Sample b = TransformPipeline.apply(pattern.image, pattern.mask, -1, IGNORE, transform, 42);
        assertArrayEquals(a.image(), b.image());
        assertArrayEquals(a.mask(), b.mask());
        int differing = 0;
        for (long seed = 0; seed < 10; seed++) {
            Sample c = TransformPipeline.apply(pattern.image, pattern.mask, -1, IGNORE, transform, seed);
            differing += Arrays.equals(a.image(), c.image()) ? 0 : 1;
        }
        assertEquals(10, differing);
    }

    @Test
    void classificationKeepsItsLabel() {
        BlockPattern pattern = new BlockPattern(40, 40);
        Sample s = TransformPipeline.apply(pattern.image, null, 7, IGNORE, Transform.train(32, 32), 3);
        assertEquals(7, s.label());
        assertEquals(null, s.mask());
        assertEquals(Task.CLASSIFICATION, s.task());
    }

    @Test
    void settingsAreValidated() {
        assertThrows(InvalidInputException.class, () -> Transform.eval(0, 10));
        assertThrows(InvalidInputException.class, () -> new Transform(10, 10, true, 0, 2, true));
        assertThrows(InvalidInputException.class, () -> new Transform(10, 10, true, 2, 1, true));
        assertThrows(InvalidInputException.class, () -> new Transform(10, 10, true, 0.5, Double.NaN, true));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new Transform(10, 10, false, 1, 1, true));
        assertTrue(e.getMessage().contains("eval"), e.getMessage());
        Transform train = Transform.train(224, 224);
        assertTrue(train.train() && train.flip());
        assertEquals(1.0, train.minScale()); // zoom in only: no padded samples by default
        assertEquals(2.0, train.maxScale());
        assertFalse(Transform.eval(224, 224).train());
    }
}
