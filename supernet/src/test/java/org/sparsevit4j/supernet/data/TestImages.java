package org.sparsevit4j.supernet.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.function.Executable;
import org.sparsevit4j.core.InvalidInputException;

/** Real PNG and JPEG files written with ImageIO, and broken ones, for the folder dataset tests. */
final class TestImages {

    private TestImages() {
    }

    /** A PNG (or JPEG, by the name's ending) of one RGB colour. */
    static Path rgb(Path file, int width, int height, int red, int green, int blue) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, red << 16 | green << 8 | blue);
            }
        }
        return write(file, image);
    }

    /** A PNG with an alpha channel of one colour, half transparent. */
    static Path rgba(Path file, int width, int height, int red, int green, int blue) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_4BYTE_ABGR);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, 0x80 << 24 | red << 16 | green << 8 | blue);
            }
        }
        return write(file, image);
    }

    /** The colour {@link #paletteMask} files give palette index {@code i}. */
    static int[] paletteColour(int i) {
        return new int[] {(i * 7) & 0xFF, 255 - i, (i * 13) & 0xFF};
    }

    /** An 8-bit grey PNG of one value. */
    static Path grey(Path file, int width, int height, int value) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        int[] row = new int[width];
        Arrays.fill(row, value);
        for (int y = 0; y < height; y++) {
            image.getRaster().setSamples(0, y, width, 1, 0, row);
        }
        return write(file, image);
    }

    /** An 8-bit grey mask PNG holding {@code values} row by row. */
    static Path mask(Path file, int width, int height, int[] values) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSamples(0, 0, width, height, 0, values);
        return write(file, image);
    }

    /** A palette mask PNG: the stored indices are {@code values}; the palette's colours are arbitrary. */
    static Path paletteMask(Path file, int width, int height, int[] values) {
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        for (int i = 0; i < 256; i++) {
            r[i] = (byte) (i * 7);
            g[i] = (byte) (255 - i);
            b[i] = (byte) (i * 13);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, 256, r, g, b));
        WritableRaster raster = image.getRaster();
        raster.setSamples(0, 0, width, height, 0, values);
        return write(file, image);
    }

    /** A mask of one class value everywhere. */
    static Path uniformMask(Path file, int width, int height, int value) {
        int[] values = new int[width * height];
        Arrays.fill(values, value);
        return mask(file, width, height, values);
    }

    /** Bytes that no image reader recognises. */
    static Path garbage(Path file) {
        return bytes(file, "this is not an image at all".getBytes(StandardCharsets.US_ASCII));
    }

    /** A valid file cut short after {@code keep} bytes: the header survives, the pixels do not. */
    static Path truncate(Path file, int keep) {
        try {
            byte[] all = Files.readAllBytes(file);
            return bytes(file, Arrays.copyOf(all, Math.min(keep, all.length)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An RGB PNG of noise, so that it compresses badly and truncation hits pixel data. */
    static Path noisy(Path file, int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        long state = seed;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                state = state * 6364136223846793005L + 1442695040888963407L;
                image.setRGB(x, y, (int) (state >>> 40));
            }
        }
        return write(file, image);
    }

    static Path bytes(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path text(Path file, String content) {
        return bytes(file, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Asserts that {@code action} fails with a one-line message containing every {@code part}. */
    static InvalidInputException assertInvalid(Executable action, Object... parts) {
        InvalidInputException e = assertThrows(InvalidInputException.class, action);
        String message = e.getMessage();
        assertTrue(!message.contains("\n"), "one line: " + message);
        for (Object part : parts) {
            assertTrue(message.contains(part.toString()), "message should name " + part + ": " + message);
        }
        return e;
    }

    private static Path write(Path file, BufferedImage image) {
        try {
            Files.createDirectories(file.getParent());
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            String format = name.endsWith(".png") ? "png" : "jpeg";
            if (!ImageIO.write(image, format, file.toFile())) {
                throw new IllegalStateException("no " + format + " writer");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
