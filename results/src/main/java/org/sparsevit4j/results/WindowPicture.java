package org.sparsevit4j.results;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.sparsevit4j.core.WindowGeometry;

/**
 * The window picture: one panel per stage, side by side, each the image with the windows its
 * stage prunes dimmed and the ones it keeps clear and outlined, under a two-line title. A pure
 * function of the image and the {@link StagePanel}s; nothing here knows the model.
 *
 * <p>A window run by every block of the panel's partition keeps the image's own pixels; one run
 * by none is darkened by {@link #MAX_DIM}; one run by some of them (a stage whose blocks have
 * different ratios) is darkened in proportion to the blocks that skip it. Pixels no window covers
 * (the few rows and columns the patch embedding drops) count as unseen and are darkened fully.
 * Every window that at least one block runs gets an outline.
 */
public final class WindowPicture {

    /** Space around and between panels, in pixels. */
    public static final int MARGIN = 12;
    /** A panel's longer side is at least this (small images are enlarged so their titles fit). */
    static final int MIN_SIDE = 256;
    /** A panel's longer side is at most this (large images are reduced). */
    static final int MAX_SIDE = 1024;
    /** How far a pruned window is blended towards {@link #DIM_TONE}. */
    static final double MAX_DIM = 0.7;
    /** The grey level dimmed pixels tend to. */
    static final int DIM_TONE = 20;

    private static final Color OUTLINE = new Color(255, 200, 0);
    private static final Color BACKGROUND = Color.WHITE;
    private static final Color TEXT = new Color(30, 30, 30);

    /**
     * Where things go: panels of {@code panelWidth x panelHeight}, the titles' font and the
     * outline's width, all derived from the image size alone.
     *
     * @param panels how many panels
     * @param panelWidth columns of a panel
     * @param panelHeight rows of a panel
     * @param fontSize title font size in pixels
     */
    public record Layout(int panels, int panelWidth, int panelHeight, int fontSize) {

        public static Layout of(int imageWidth, int imageHeight, int panels) {
            int longer = Math.max(imageWidth, imageHeight);
            double scale = longer < MIN_SIDE ? (double) MIN_SIDE / longer
                    : longer > MAX_SIDE ? (double) MAX_SIDE / longer : 1;
            int width = Math.max(1, (int) Math.round(imageWidth * scale));
            int height = Math.max(1, (int) Math.round(imageHeight * scale));
            return new Layout(panels, width, height, Math.clamp(width / 22, 12, 22));
        }

        public int lineHeight() {
            return (int) Math.round(fontSize * 1.35);
        }

        public int width() {
            return panels * panelWidth + (panels + 1) * MARGIN;
        }

        public int height() {
            return panelY() + panelHeight + MARGIN;
        }

        /** Left column of panel {@code i}. */
        public int panelX(int i) {
            return MARGIN + i * (panelWidth + MARGIN);
        }

        /** Top row of every panel, below two lines of title. */
        public int panelY() {
            return MARGIN + 2 * lineHeight() + MARGIN / 2;
        }

        public int outlineWidth() {
            return Math.max(1, (int) Math.round(Math.min(panelWidth, panelHeight) / 200.0));
        }
    }

    private WindowPicture() {
    }

    /** The picture of {@code panels} over {@code image} (the image the model's input was resized from). */
    public static BufferedImage render(BufferedImage image, List<StagePanel> panels) {
        Layout layout = Layout.of(image.getWidth(), image.getHeight(), panels.size());
        int[] base = scaledPixels(image, layout.panelWidth(), layout.panelHeight());
        BufferedImage canvas = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            for (int i = 0; i < panels.size(); i++) {
                StagePanel panel = panels.get(i);
                int x = layout.panelX(i);
                int y = layout.panelY();
                canvas.setRGB(x, y, layout.panelWidth(), layout.panelHeight(), dimmed(base, panel, layout), 0,
                        layout.panelWidth());
                outline(g, panel, layout, x, y);
                title(g, panel.title(), layout, x);
            }
        } finally {
            g.dispose();
        }
        return canvas;
    }

    /** The picture as PNG bytes. */
    public static byte[] png(BufferedImage picture) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(picture, "png", out)) {
                throw new IllegalStateException("this JDK has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The panel's pixels: the image with every window darkened by the share of blocks that skip it. */
    private static int[] dimmed(int[] base, StagePanel panel, Layout layout) {
        int width = layout.panelWidth();
        double[] dim = new double[base.length];
        Arrays.fill(dim, MAX_DIM);
        for (int w = 0; w < panel.runs().length; w++) {
            double amount = MAX_DIM * (1 - panel.runFraction(w));
            for (WindowGeometry.Box box : panelBoxes(panel, w, layout)) {
                for (int y = box.y0(); y < box.y1(); y++) {
                    Arrays.fill(dim, y * width + box.x0(), y * width + box.x1(), amount);
                }
            }
        }
        int[] out = new int[base.length];
        for (int p = 0; p < base.length; p++) {
            out[p] = blend(base[p], dim[p]);
        }
        return out;
    }

    private static int blend(int rgb, double amount) {
        if (amount == 0) {
            return rgb;
        }
        int red = tone(rgb >> 16 & 0xFF, amount);
        int green = tone(rgb >> 8 & 0xFF, amount);
        int blue = tone(rgb & 0xFF, amount);
        return red << 16 | green << 8 | blue;
    }

    private static int tone(int value, double amount) {
        return (int) Math.round(value * (1 - amount) + DIM_TONE * amount);
    }

    private static void outline(Graphics2D g, StagePanel panel, Layout layout, int x, int y) {
        g.setColor(OUTLINE);
        int t = layout.outlineWidth();
        for (int w = 0; w < panel.runs().length; w++) {
            if (panel.runs()[w] == 0) {
                continue;
            }
            for (WindowGeometry.Box box : panelBoxes(panel, w, layout)) {
                int width = box.x1() - box.x0();
                int height = box.y1() - box.y0();
                g.fillRect(x + box.x0(), y + box.y0(), width, Math.min(t, height));
                g.fillRect(x + box.x0(), y + box.y1() - Math.min(t, height), width, Math.min(t, height));
                g.fillRect(x + box.x0(), y + box.y0(), Math.min(t, width), height);
                g.fillRect(x + box.x1() - Math.min(t, width), y + box.y0(), Math.min(t, width), height);
            }
        }
    }

    /** Window {@code w}'s pieces in panel pixels; edges shared by neighbours round to the same column. */
    static List<WindowGeometry.Box> panelBoxes(StagePanel panel, int w, Layout layout) {
        WindowGeometry geometry = panel.geometry();
        double sx = (double) layout.panelWidth() / geometry.inputWidth();
        double sy = (double) layout.panelHeight() / geometry.inputHeight();
        return geometry.pixels(w, panel.shifted()).stream()
                .map(b -> new WindowGeometry.Box((int) Math.round(b.x0() * sx), (int) Math.round(b.y0() * sy),
                        (int) Math.round(b.x1() * sx), (int) Math.round(b.y1() * sy)))
                .filter(b -> b.x0() < b.x1() && b.y0() < b.y1())
                .toList();
    }

    /** Draws the lines above the panel at {@code x}, each shrunk until it fits the panel's width. */
    private static void title(Graphics2D g, List<String> lines, Layout layout, int x) {
        g.setColor(TEXT);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Font font = new Font(Font.SANS_SERIF, i == 0 ? Font.BOLD : Font.PLAIN, layout.fontSize());
            while (font.getSize() > 6 && g.getFontMetrics(font).stringWidth(line) > layout.panelWidth()) {
                font = font.deriveFont((float) font.getSize() - 1);
            }
            g.setFont(font);
            int baseline = MARGIN + (i + 1) * layout.lineHeight() - (layout.lineHeight() - layout.fontSize()) / 2;
            g.drawString(line, x, baseline);
        }
    }

    /** The image's pixels at the panel size (bilinear where it is resized, untouched where not). */
    private static int[] scaledPixels(BufferedImage image, int width, int height) {
        BufferedImage scaled = image;
        if (image.getWidth() != width || image.getHeight() != height) {
            scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = scaled.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                g.drawImage(image, 0, 0, width, height, null);
            } finally {
                g.dispose();
            }
        }
        return scaled.getRGB(0, 0, width, height, null, 0, width);
    }
}
