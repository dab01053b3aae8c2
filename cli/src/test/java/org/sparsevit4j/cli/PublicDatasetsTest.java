package org.sparsevit4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.supernet.data.DatasetTrees;

/**
 * Cityscapes, ADE20K and Pascal VOC as they ship, in tiny copies: each is recognised, trains,
 * evaluates with per-class IoU and is searched, with its report; bad data stops with one line.
 */
class PublicDatasetsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Function<Path, Path> tree(String format) {
        return switch (format) {
            case "cityscapes" -> DatasetTrees::cityscapes;
            case "ade20k" -> DatasetTrees::ade20k;
            case "voc" -> DatasetTrees::voc;
            default -> throw new IllegalArgumentException(format);
        };
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "cityscapes, 19, road, bicycle, leftImg8bit/ and gtFine/",
        "ade20k, 150, wall, flag, images/training/ and annotations/training/",
        "voc, 21, background, tvmonitor, 'JPEGImages/, SegmentationClass/ and ImageSets/Segmentation/'",
    })
    void trainsEvaluatesAndSearchesAsItShips(String format, int classes, String first, String last, String folders)
            throws Exception {
        Path data = tree(format).apply(dir.resolve(format));
        Path supernet = dir.resolve("supernet");
        Path cache = dir.resolve("cache");
        CliRunner.Result train = CliRunner.run("train-supernet", "--dataset", data.toString(), "--resolution", "64",
            "--steps", "2", "--batch", "2", "--decoder-dim", "16", "--threads", "1", "--out", supernet.toString());
        assertEquals(0, train.exit(), train.err());
        assertEquals("dataset " + data + ": read as " + format + " (detected by " + folders
            + "; --format to choose another)", train.err().lines().findFirst().orElseThrow());
        assertTrue(train.err().contains("train-supernet: 2 of 2 steps"), train.err());

        CliRunner.Result evaluate = CliRunner.run("evaluate", "--weights", supernet.toString(), "--json", "--batch", "2",
            "--cache-dir", cache.toString());
        assertEquals(0, evaluate.exit(), evaluate.err());
        assertTrue(evaluate.err().startsWith("dataset " + data + ": read as " + format
            + " (as the checkpoint was trained)"), evaluate.err());
        JsonNode row = JSON.readTree(evaluate.out());
        assertEquals(2, row.get("images").asInt());
        JsonNode perClass = row.get("class_iou");
        assertEquals(classes, perClass.size());
        assertEquals(first, perClass.get(0).get("name").asText());
        assertEquals(last, perClass.get(classes - 1).get("name").asText());
        double sum = 0;
        int defined = 0;
        for (int c = 0; c < classes; c++) {
            assertEquals(c, perClass.get(c).get("index").asInt());
            JsonNode iou = perClass.get(c).get("iou");
            if (!iou.isNull()) {
                assertTrue(iou.asDouble() >= 0 && iou.asDouble() <= 1, perClass.toString());
                sum += iou.asDouble();
                defined++;
            }
        }
        assertTrue(defined > 0, perClass.toString());
        if (classes == 150) {
            // 2 images of 5 labelled classes: most of ADE20K's classes occur in neither labels nor predictions
            assertTrue(defined < classes, "a class absent from labels and predictions has no IoU: " + perClass);
        }
        assertEquals(sum / defined, row.get("miou").asDouble(), 1e-9);

        Path run = dir.resolve("search");
        CliRunner.Result search = CliRunner.run("search", "--weights", supernet.toString(), "--dataset",
            data.toString(), "--format", format, "--max-macs", "0.6x", "--generations", "1", "--population", "4",
            "--seed", "3", "--batch", "2", "--threads", "1", "--out", run.toString(), "--cache-dir", cache.toString());
        assertEquals(0, search.exit(), search.err());
        assertTrue(search.err().startsWith("dataset " + data + ": read as " + format + " (--format " + format + ")"),
            search.err());
        JsonNode table = JSON.readTree(run.resolve("class-iou.json").toFile());
        assertEquals("search", table.get("split").asText());
        assertEquals(classes, table.get("classes").size());
        assertEquals(List.of("chosen", "dense"), List.of(table.get("columns").get(0).get("name").asText(),
            table.get("columns").get(1).get("name").asText()), "the baselines evaluated the dense model");
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains("Per-class IoU") && html.contains("<td>" + last + "</td>"), "the report shows them");
    }

    @Test
    void aMissingMaskStopsWithOneLineNamingItOrIsSkippedAndCounted() throws Exception {
        Path data = DatasetTrees.voc(dir.resolve("voc"));
        Path mask = data.resolve("SegmentationClass/2007_000037.png");
        Files.delete(mask);
        Path out = dir.resolve("run");
        String[] args = {"train-supernet", "--dataset", data.toString(), "--resolution", "64", "--steps", "1",
            "--batch", "2", "--decoder-dim", "16", "--threads", "1", "--out", out.toString()};
        CliRunner.Result stopped = CliRunner.run(args);
        assertEquals(2, stopped.exit(), stopped.err());
        List<String> errors = stopped.err().lines().filter(l -> l.startsWith("sparsevit:")).toList();
        assertEquals(List.of("sparsevit: " + mask + ": missing mask of " + data.resolve("JPEGImages/2007_000037.jpg")),
            errors, stopped.err());
        assertFalse(Files.exists(out), "nothing written");

        String[] skipping = java.util.Arrays.copyOf(args, args.length + 1);
        skipping[args.length] = "--skip-bad";
        CliRunner.Result skipped = CliRunner.run(skipping);
        assertEquals(0, skipped.exit(), skipped.err());
        assertTrue(skipped.err().contains("skipped 1 bad files: " + data.resolve("JPEGImages/2007_000037.jpg")),
            skipped.err());
    }

    @Test
    void aFolderOfTwoLayoutsAsksForFormatAndFormatNeedsADataset() throws Exception {
        Path data = DatasetTrees.ade20k(dir.resolve("both"));
        DatasetTrees.voc(data);
        CliRunner.Result ambiguous = CliRunner.run("train-supernet", "--dataset", data.toString(), "--steps", "1",
            "--out", dir.resolve("a").toString());
        assertEquals(2, ambiguous.exit(), ambiguous.err());
        assertTrue(ambiguous.err().contains("choose with --format ade20k|voc"), ambiguous.err());
        CliRunner.Result alone = CliRunner.run("evaluate", "--weights", dir.resolve("a").toString(), "--format", "voc");
        assertEquals(2, alone.exit(), alone.err());
        assertTrue(alone.err().contains("--format voc describes a folder: give it with --dataset DIR"), alone.err());
        CliRunner.Result classification = CliRunner.run("train-supernet", "--dataset", data.toString(), "--format",
            "voc", "--task", "classification", "--steps", "1", "--out", dir.resolve("c").toString());
        assertEquals(2, classification.exit(), classification.err());
        assertTrue(classification.err().contains("is read as voc, a segmentation dataset"), classification.err());
    }
}
