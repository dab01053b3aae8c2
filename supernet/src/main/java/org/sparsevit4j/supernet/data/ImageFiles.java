package org.sparsevit4j.supernet.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import org.sparsevit4j.core.InvalidInputException;

/**
 * Reads PNG and JPEG files with the JDK's {@code javax.imageio}: a header probe that decodes no
 * pixels (for the checks at open time), RGB images, and class masks. Every failure is an
 * {@link InvalidInputException} whose message starts with the file.
 *
 * <p>Streams are opened as {@link FileImageInputStream}s, which need no cache file. A reader
 * warning (JPEG's "premature end of data", for instance) counts as corruption: the JDK then
 * returns a partly grey picture rather than failing, and training on it silently would be worse.
 * Grey images are read from their samples, not through {@link BufferedImage#getRGB}, which would
 * treat the JDK's linear grey colour space as needing gamma correction and brighten them.
 */
final class ImageFiles {

    /**
     * What a header says.
     *
     * @param width columns
     * @param height rows
     * @param bands samples per pixel of the stored image; 0 when the reader cannot say cheaply
     * @param bits the widest sample's bits; 0 when unknown
     */
    record Header(int width, int height, int bands, int bits) {
    }

    private ImageFiles() {
    }

    /** Reads the size and pixel format of {@code file} without decoding its pixels. */
    static Header probe(Path file) {
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            ImageReader reader = readerFor(in, file);
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                ImageTypeSpecifier raw = reader.getRawImageType(0);
                int bands = 0;
                int bits = 0;
                if (raw != null) {
                    bands = raw.getSampleModel().getNumBands();
                    for (int size : raw.getSampleModel().getSampleSize()) {
                        bits = Math.max(bits, size);
                    }
                }
                if (width < 1 || height < 1) {
                    throw new InvalidInputException(file + ": image size " + width + "x" + height + " is empty");
                }
                return new Header(width, height, bands, bits);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw unreadable(file, e, "not a readable image");
        }
    }

    /** Decodes {@code file} into 8-bit RGB. */
    static RawImage readRgb(Path file) {
        BufferedImage image = decode(file);
        try {
            return toRgb(image);
        } catch (RuntimeException e) {
            throw unreadable(file, e, "cannot convert to RGB");
        }
    }

    /** Decodes a class mask: one channel of at most 8 bits (grey, or palette indices), row-major. */
    static int[] readMask(Path file, int expectedHeight, int expectedWidth) {
        BufferedImage image = decode(file);
        Raster raster = image.getRaster();
        requireMaskFormat(file, raster.getNumBands(), raster.getSampleModel().getSampleSize(0));
        if (image.getHeight() != expectedHeight || image.getWidth() != expectedWidth) {
            throw new InvalidInputException(file + ": mask is " + image.getWidth() + "x" + image.getHeight()
                    + " (width x height) but its image is " + expectedWidth + "x" + expectedHeight);
        }
        return raster.getSamples(0, 0, image.getWidth(), image.getHeight(), 0, (int[]) null);
    }

    /** Rejects masks that are not one channel of at most 8 bits. */
    static void requireMaskFormat(Path file, int bands, int bits) {
        if (bands != 1 || bits > 8) {
            throw new InvalidInputException(file + ": a mask must be a single-channel PNG of at most 8 bits (grey or"
                    + " palette) holding class indices; found " + bands + " channel(s) of " + bits + " bits");
        }
    }

    private static BufferedImage decode(Path file) {
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            ImageReader reader = readerFor(in, file);
            try {
                reader.setInput(in, true, true);
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new InvalidInputException(file + ": corrupt image data: " + oneLine(warnings.get(0)));
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw unreadable(file, e, "corrupt image data");
        }
    }

    private static ImageReader readerFor(ImageInputStream in, Path file) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new InvalidInputException(file + ": not a readable image (no PNG or JPEG header)");
        }
        return readers.next();
    }

    private static RawImage toRgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] rgb = new byte[3 * width * height];
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        int[] row = new int[width];
        if (model instanceof IndexColorModel palette) {
            for (int y = 0; y < height; y++) {
                raster.getSamples(0, y, width, 1, 0, row);
                for (int x = 0; x < width; x++) {
                    int p = 3 * (y * width + x);
                    rgb[p] = (byte) palette.getRed(row[x]);
                    rgb[p + 1] = (byte) palette.getGreen(row[x]);
                    rgb[p + 2] = (byte) palette.getBlue(row[x]);
                }
            }
        } else if (model.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            int max = (1 << model.getComponentSize(0)) - 1;
            for (int y = 0; y < height; y++) {
                raster.getSamples(0, y, width, 1, 0, row);
                for (int x = 0; x < width; x++) {
                    byte v = (byte) (max == 255 ? row[x] : (row[x] * 255 + max / 2) / max);
                    int p = 3 * (y * width + x);
                    rgb[p] = v;
                    rgb[p + 1] = v;
                    rgb[p + 2] = v;
                }
            }
        } else if (model instanceof ComponentColorModel && model.getColorSpace().isCS_sRGB()
                && model.getNumColorComponents() == 3) {
            for (int band = 0; band < 3; band++) {
                int max = (1 << model.getComponentSize(band)) - 1;
                for (int y = 0; y < height; y++) {
                    raster.getSamples(0, y, width, 1, band, row);
                    for (int x = 0; x < width; x++) {
                        rgb[3 * (y * width + x) + band] = (byte) (max == 255 ? row[x] : (row[x] * 255L + max / 2) / max);
                    }
                }
            }
        } else {
            for (int y = 0; y < height; y++) {
                image.getRGB(0, y, width, 1, row, 0, width);
                for (int x = 0; x < width; x++) {
                    int p = 3 * (y * width + x);
                    rgb[p] = (byte) (row[x] >>> 16);
                    rgb[p + 1] = (byte) (row[x] >>> 8);
                    rgb[p + 2] = (byte) row[x];
                }
            }
        }
        return new RawImage(height, width, rgb);
    }

    private static InvalidInputException unreadable(Path file, Exception e, String problem) {
        if (e instanceof InvalidInputException invalid) {
            return invalid;
        }
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : oneLine(e.getMessage());
        if (e instanceof FileNotFoundException || e instanceof NoSuchFileException) {
            return new InvalidInputException(file + ": cannot open: " + reason, e);
        }
        return new InvalidInputException(file + ": " + problem + ": " + reason, e);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
