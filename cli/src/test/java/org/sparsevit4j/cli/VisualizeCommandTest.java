package org.sparsevit4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SparsityConfigJson;
import org.sparsevit4j.core.WindowGrid;
import org.sparsevit4j.supernet.io.NamedTensor;
import org.sparsevit4j.supernet.io.SafetensorsWriter;
import org.sparsevit4j.supernet.model.SwinFixtures;
import org.sparsevit4j.results.WindowPicture;
import org.sparsevit4j.results.WindowPictureTest;
import org.sparsevit4j.core.WindowGeometry;

/**
 * {@code sparsevit visualize} end to end on the tiny committed timm model (2 stages, window 7):
 * at 96x80 its stages have 4x3 and 2x2 windows, the first with window padding.
 */
class VisualizeCommandTest {

    /** The tiny fixture model's shape (patch 4, embed 16, depths 2 2, heads 1 2, window 7, 5 classes). */
    private static final ArchitectureSpec TINY = new ArchitectureSpec("tiny", 4, 3, 16, List.of(2, 2), List.of(1, 2),
            7, 4.0, 5);
    private static final int HEIGHT = 288;
    private static final int WIDTH = 240;

    @TempDir
    Path dir;

    @Test
    void eachPanelShowsAsManyClearWindowsAsItsRatioKeeps() throws IOException {
        BufferedImage picture = picture(SparsityConfig.ofRatios(List.of(List.of(0.5, 0.5), List.of(0.5, 0.5))),
                List.of("stage 0: 6/12 windows kept (ratios 0.5x2)", "stage 1: 2/4 windows kept (ratios 0.5x2)"),
                List.of(WindowGrid.keptWindows(12, 5), WindowGrid.keptWindows(4, 5)));
        assertEquals(2 * WIDTH + 3 * WindowPicture.MARGIN, picture.getWidth(), "two panels at the image's own size");
        assertEquals(WindowPicture.Layout.of(WIDTH, HEIGHT, 2).height(), picture.getHeight());
    }

    @Test
    void aStagePrunedOnlyInShiftedBlocksShowsItsShiftedWindowsAndADenseStageShowsAll() throws IOException {
        picture(SparsityConfig.ofRatios(List.of(List.of(0.0, 0.3), List.of(0.0, 0.0))),
                List.of("stage 0: 8/12 shifted windows kept (ratios 0 0.3)", "stage 1: 4/4 windows kept (dense)"),
                List.of(WindowGrid.keptWindows(12, 3), 4));
    }

    @Test
    void badInputsExitTwoWithOneLineAndWriteNothing() throws IOException {
        Path image = writeImage(dir.resolve("scene.png"));
        Path config = dir.resolve("cfg.json");
        SparsityConfigJson.write(SparsityConfig.uniform(TINY, 0.5), config);
        Path swinTConfig = dir.resolve("swin_t.json");
        SparsityConfigJson.write(SparsityConfig.uniform(ArchitectureSpec.preset("swin_t"), 0.5), swinTConfig);
        Path malformed = Files.writeString(dir.resolve("malformed.json"), "{\"ratios\": [[0.5, 0.5], [0.5");
        Path notAnImage = Files.writeString(dir.resolve("notes.png"), "not a picture");
        Path folder = Files.createDirectories(dir.resolve("folder.png"));
        Path notWeights = dir.resolve("input.safetensors");
        SafetensorsWriter.write(notWeights, List.of(new NamedTensor("input", new long[] {1, 3, 8, 8}, new float[192])),
                Map.of());
        Path out = dir.resolve("out/windows.png");
        String w = weights().toString();
        String[][] cases = {
            {"--weights", w, "--config", config.toString(), "--image", dir.resolve("missing.png").toString()},
            {"--weights", w, "--config", config.toString(), "--image", folder.toString()},
            {"--weights", w, "--config", config.toString(), "--image", notAnImage.toString()},
            {"--weights", w, "--config", malformed.toString(), "--image", image.toString()},
            {"--weights", w, "--config", swinTConfig.toString(), "--image", image.toString()},
            {"--weights", notWeights.toString(), "--config", config.toString(), "--image", image.toString()},
            {"--weights", dir.resolve("missing.safetensors").toString(), "--image", image.toString()},
            {"--weights", w, "--config", config.toString(), "--image", image.toString(), "--resolution", "3"},
        };
        for (String[] args : cases) {
            List<String> full = new ArrayList<>(List.of("visualize", "--out", out.toString(), "--threads", "1"));
            full.addAll(List.of(args));
            CliRunner.Result r = CliRunner.run(full.toArray(String[]::new));
            assertEquals(2, r.exit(), full + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("sparsevit: "), r.err());
            assertFalse(Files.exists(out.getParent()), "output written for " + full);
        }
        CliRunner.Result onFolder = CliRunner.run("visualize", "--weights", w, "--image", image.toString(), "--out",
                folder.toString());
        assertEquals(2, onFolder.exit(), onFolder.err());
        assertTrue(onFolder.err().contains("is a directory"), onFolder.err());
        assertTrue(Files.isDirectory(folder), "the folder named as --out is left alone");
        assertTrue(CliRunner.run("visualize", "--weights", w, "--config", swinTConfig.toString(), "--image",
                image.toString(), "--out", out.toString()).err().contains("swin_t.json: config has 4 stages"));
    }

    /** Runs visualize at 96x80 and checks what it printed and how many windows each panel shows clear. */
    private BufferedImage picture(SparsityConfig config, List<String> lines, List<Integer> clear) throws IOException {
        Path cfg = dir.resolve("cfg.json");
        SparsityConfigJson.write(config, cfg);
        Path image = writeImage(dir.resolve("scene.png"));
        Path out = dir.resolve("pictures/windows.png");
        CliRunner.Result r = CliRunner.run("visualize", "--weights", weights().toString(), "--config", cfg.toString(),
                "--image", image.toString(), "--resolution", "96x80", "--out", out.toString(), "--threads", "1");
        assertEquals(0, r.exit(), r.err());
        assertEquals(lines, r.out().lines().toList());
        assertTrue(r.err().contains("wrote " + out), r.err());
        BufferedImage picture = ImageIO.read(out.toFile());
        assertEquals(clear, clearWindows(picture, config));
        return picture;
    }

    /**
     * Per panel, the windows of the partition it shows whose largest piece keeps the image's own
     * pixel at its centre (3x the model's 96x80 input, so panels are the image at its own size).
     */
    private static List<Integer> clearWindows(BufferedImage picture, SparsityConfig config) {
        BufferedImage image = WindowPictureTest.texture(WIDTH, HEIGHT);
        WindowPicture.Layout layout = WindowPicture.Layout.of(WIDTH, HEIGHT, TINY.numStages());
        List<Integer> counts = new ArrayList<>();
        for (int s = 0; s < TINY.numStages(); s++) {
            WindowGeometry g = WindowGeometry.of(TINY, s, 96, 80);
            boolean shifted = config.firstPrunedBlock(s) % 2 == 1 && g.shifts();
            int clear = 0;
            for (int w = 0; w < g.numWindows(); w++) {
                WindowGeometry.Box box = g.pixels(w, shifted).stream()
                        .max(Comparator.comparingInt(b -> (b.x1() - b.x0()) * (b.y1() - b.y0()))).orElseThrow();
                int x = 3 * (box.x0() + box.x1()) / 2;
                int y = 3 * (box.y0() + box.y1()) / 2;
                if (picture.getRGB(layout.panelX(s) + x, layout.panelY() + y) == image.getRGB(x, y)) {
                    clear++;
                }
            }
            counts.add(clear);
        }
        return counts;
    }

    private static Path writeImage(Path file) {
        try {
            ImageIO.write(WindowPictureTest.texture(WIDTH, HEIGHT), "png", file.toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return file;
    }

    private static Path weights() {
        return SwinFixtures.resource("tiny_timm_new_f16.safetensors");
    }
}
