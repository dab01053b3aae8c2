package org.sparsevit4j.supernet.data;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sparsevit4j.core.InvalidInputException;

/**
 * One image file as evaluation feeds it to a model, for tools that look at a single image (the
 * window picture): its decoded pixels, and the model input at a resolution, resized and
 * normalized exactly as {@link Transform#eval} samples of a dataset are.
 */
public final class ImageInput {

    private final RawImage raw;

    private ImageInput(RawImage raw) {
        this.raw = raw;
    }

    /** Decodes a PNG or JPEG file; every failure is an {@link InvalidInputException} naming the file. */
    public static ImageInput read(Path file) {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(file + ": is a directory, not an image file");
        }
        return new ImageInput(ImageFiles.readRgb(file));
    }

    /** Rows of the decoded image. */
    public int height() {
        return raw.height();
    }

    /** Columns of the decoded image. */
    public int width() {
        return raw.width();
    }

    /** The decoded pixels, 8-bit RGB, for drawing on. */
    public BufferedImage toBufferedImage() {
        BufferedImage image = new BufferedImage(raw.width(), raw.height(), BufferedImage.TYPE_INT_RGB);
        byte[] rgb = raw.rgb();
        int[] row = new int[raw.width()];
        for (int y = 0; y < raw.height(); y++) {
            for (int x = 0; x < raw.width(); x++) {
                int p = 3 * (y * raw.width() + x);
                row[x] = (rgb[p] & 0xFF) << 16 | (rgb[p + 1] & 0xFF) << 8 | rgb[p + 2] & 0xFF;
            }
            image.setRGB(0, y, raw.width(), 1, row, 0, raw.width());
        }
        return image;
    }

    /**
     * The model's input: {@code 3 x height x width} floats (CHW, RGB), the image resized to exactly
     * that size (aspect ratio not kept) and normalized, as evaluation prepares its samples.
     */
    public float[] modelInput(int height, int width) {
        return TransformPipeline.apply(raw, null, 0, 0, Transform.eval(height, width), 0).image();
    }
}
