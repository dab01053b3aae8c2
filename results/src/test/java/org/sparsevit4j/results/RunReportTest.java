package org.sparsevit4j.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.SparsityConfigJson;
import org.sparsevit4j.search.SearchResult;

/** The report of real run folders, written by the search itself. */
class RunReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    private static Path latencyRun;
    private static SearchResult latencyResult;

    @TempDir
    Path tmp;

    @BeforeAll
    static void search() {
        latencyRun = shared.resolve("latency-run");
        latencyResult = FinishedSearch.run(latencyRun, true);
    }

    @Test
    void withoutFontsThePageIsWrittenWithoutChartsAndSaysWhy() {
        // what Java2D threw on the H200 box, whose bare runtime had no fonts
        assertTrue(RunReport.isFontFailure(new RuntimeException(
                "Fontconfig head is null, check your fonts or fonts configuration")));
        assertTrue(RunReport.isFontFailure(new IllegalStateException("drawing", new Error("No fonts found"))));
        assertFalse(RunReport.isFontFailure(new IllegalStateException("a bug in a chart")));
        String html = ReportHtml.render(RunFolderReader.read(latencyRun), List.of(),
                java.util.Optional.of("charts not drawn: Java2D could not draw text (no fonts)"));
        assertTrue(html.contains("charts not drawn: Java2D could not draw text (no fonts)"), html);
        assertEquals(0, count(html, "<svg"));
        assertTrue(html.contains("The Pareto front"), "the tables are there without the charts");
    }

    @Test
    void writesOneSelfContainedPageWithInlineCharts() throws IOException {
        Path report = RunReport.write(latencyRun);
        assertEquals(latencyRun.resolve("report.html"), report);
        String html = Files.readString(report);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertEquals(4, count(html, "<svg"), "Pareto on GMACs and on latency, hypervolume, per-layer sparsity");
        assertFalse(html.contains("http://") || html.contains("https://"), "nothing refers to the network");
        Matcher external = Pattern.compile("(?i)(src|href)\\s*=\\s*[\"']?\\s*(//|[a-z]+:)").matcher(html);
        assertFalse(external.find(), () -> "a reference leaves the file: " + external.group());
        assertFalse(html.contains("<script") || html.contains("<link") || html.contains("@import"));
        assertNoDuplicateIds(html);
        assertTrue(html.contains(latencyResult.best().config().compact()), "the chosen configuration is named");
        assertTrue(html.contains(">11<"), "the seed is in the header");
    }

    @Test
    void theFrontTableHasOneRowPerFrontMember() throws IOException {
        String html = Files.readString(RunReport.write(latencyRun));
        JsonNode pareto = JSON.readTree(latencyRun.resolve("pareto.json").toFile());
        assertTrue(pareto.get("front").size() > 1, "a front worth a table");
        assertEquals(latencyResult.paretoFront().size(), pareto.get("front").size());
        assertEquals(pareto.get("front").size(), count(html, "<tr class=\"front-member"));
        assertEquals(1, count(html, "<tr class=\"front-member chosen\""), "the chosen configuration is on the front once");
    }

    @Test
    void writesEveryChartAsPngAndSvg() throws Exception {
        RunReport.write(latencyRun);
        Path plots = latencyRun.resolve("plots");
        for (String name : List.of("pareto-macs", "pareto-latency", "hypervolume", "layer-sparsity")) {
            BufferedImage png = ImageIO.read(plots.resolve(name + ".png").toFile());
            assertNotNull(png, name + ".png is a PNG");
            assertEquals(ChartStyle.WIDTH, png.getWidth());
            assertEquals(ChartStyle.HEIGHT, png.getHeight());
            assertTrue(distinctColours(png) > 5, name + ".png is not blank");
            var factory = DocumentBuilderFactory.newInstance();
            // the DOCTYPE names the SVG DTD by URL; parsing must not try to fetch it
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            var svg = factory.newDocumentBuilder().parse(plots.resolve(name + ".svg").toFile());
            assertEquals("svg", svg.getDocumentElement().getTagName(), name + ".svg");
        }
    }

    @Test
    void theReportIsTheSameEveryTimeItIsWritten() throws IOException {
        String first = Files.readString(RunReport.write(latencyRun));
        String svg = Files.readString(latencyRun.resolve("plots/pareto-macs.svg"));
        String second = Files.readString(RunReport.write(latencyRun));
        assertEquals(first, second);
        assertEquals(svg, Files.readString(latencyRun.resolve("plots/pareto-macs.svg")));
    }

    @Test
    void leavesNoTemporaryFiles() throws IOException {
        RunReport.write(latencyRun);
        try (Stream<Path> files = Files.walk(latencyRun)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
    }

    @Test
    void theResultJsonHasSortedKeysAndBestJsonIsAConfig() throws IOException {
        // written as a mapper that sorts every object's keys writes them: the keys are sorted at every level
        var sorting = JSON.copy().enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .configure(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.WRITE_PROPERTIES_SORTED, true);
        for (String name : List.of("best.json", "pareto.json", "baselines.json", "provenance.json")) {
            String text = Files.readString(latencyRun.resolve(name));
            assertEquals(sorting.writeValueAsString(JSON.readTree(text)) + "\n", text, name);
        }
        assertEquals(latencyResult.best().config(),
                SparsityConfigJson.read(latencyRun.resolve("best.json"), FinishedSearch.SWIN_T));
        JsonNode best = JSON.readTree(latencyRun.resolve("best.json").toFile());
        assertTrue(best.get("measuredLatencyMs").isNumber(), "the meter measured the best");
        assertTrue(best.get("predictedLatencyMs").isNumber());
        List<String> candidates = Files.readAllLines(latencyRun.resolve("candidates.csv"));
        assertTrue(candidates.get(0).endsWith(",genes,feasible"), candidates.get(0));
    }

    @Test
    void aRunWithoutLatencyHasNoLatencyChartAndDropsAnOutdatedOne() throws IOException {
        Path run = tmp.resolve("macs-only");
        FinishedSearch.run(run, false);
        Path stale = Files.createDirectories(run.resolve("plots")).resolve("pareto-latency.png");
        Files.write(stale, new byte[] {1});
        String html = Files.readString(RunReport.write(run));
        assertEquals(3, count(html, "<svg"));
        assertFalse(Files.exists(stale), "a chart of an earlier report that no longer applies is removed");
        assertTrue(Files.exists(run.resolve("plots/pareto-macs.svg")));
    }

    @Test
    void withoutGenerationsCsvThePageSaysSoAndDrawsNoHypervolume() throws IOException {
        Path run = copyOf(latencyRun, "no-generations");
        Files.delete(run.resolve("generations.csv"));
        String html = Files.readString(RunReport.write(run));
        assertTrue(html.contains("No <code>generations.csv</code>"));
        assertFalse(Files.exists(run.resolve("plots/hypervolume.png")));
    }

    @Test
    void aMissingParetoJsonIsBadInputNamingItAndWritesNothing() throws IOException {
        Path run = copyOf(latencyRun, "no-pareto");
        Files.delete(run.resolve("pareto.json"));
        var e = assertThrows(InvalidInputException.class, () -> RunReport.write(run));
        assertTrue(e.getMessage().startsWith(run.resolve("pareto.json") + ": no such file"), e.getMessage());
        assertNothingWritten(run);
    }

    @Test
    void malformedJsonIsBadInputWithItsPosition() throws IOException {
        Path run = copyOf(latencyRun, "bad-json");
        Files.writeString(run.resolve("best.json"), "{\"ratios\": [[0.1, 0.1],\n");
        var e = assertThrows(InvalidInputException.class, () -> RunReport.write(run));
        assertTrue(e.getMessage().startsWith(run.resolve("best.json") + ": invalid JSON at line "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertNothingWritten(run);
    }

    @Test
    void aFieldOfTheWrongTypeIsNamed() throws IOException {
        Path run = copyOf(latencyRun, "bad-field");
        String pareto = Files.readString(run.resolve("pareto.json"));
        Files.writeString(run.resolve("pareto.json"), pareto.replaceFirst("\"metric\" : [-0-9.eE]+", "\"metric\" : \"high\""));
        var e = assertThrows(InvalidInputException.class, () -> RunReport.write(run));
        assertEquals(run.resolve("pareto.json") + ": \"front[0].metric\" must be a number, found the string \"high\"",
                e.getMessage());
        assertNothingWritten(run);
    }

    @Test
    void aSegmentationRunShowsEachClassesIouBesideTheDenseModels() throws IOException {
        Path run = copyOf(latencyRun, "class-iou");
        String chosen = latencyResult.best().config().compact();
        new ClassIouTable("search", List.of("road", "sidewalk", "train"), List.of(
                new ClassIouTable.Column("chosen", chosen, 0.55, List.of(0.9, 0.2, Double.NaN)),
                new ClassIouTable.Column("dense", "dense", 0.6, List.of(0.95, 0.25, Double.NaN)))).write(run);
        JsonNode file = JSON.readTree(run.resolve(ClassIouTable.FILE).toFile());
        assertTrue(file.get("columns").get(0).get("iou").get(2).isNull(), "an undefined IoU is null in the file");
        String html = Files.readString(RunReport.write(run));
        assertTrue(html.contains("<h2 id=\"class-iou\">Per-class IoU</h2>"), html);
        assertTrue(html.contains("<td>sidewalk</td><td class=\"num\">0.2000</td><td class=\"num\">0.2500</td>"
                + "<td class=\"num\">-0.0500</td>"), html);
        assertTrue(html.contains("<td>train</td><td class=\"num\">—</td><td class=\"num\">—</td>"
                + "<td class=\"num\">—</td>"), html);
        assertTrue(html.contains("chosen − dense"));
        assertNoDuplicateIds(html);

        Files.writeString(run.resolve(ClassIouTable.FILE), Files.readString(run.resolve(ClassIouTable.FILE))
                .replaceFirst("0\\.2\\b", "\"low\""));
        Files.delete(run.resolve("report.html"));
        var e = assertThrows(InvalidInputException.class, () -> RunReport.write(run));
        assertEquals(run.resolve(ClassIouTable.FILE) + ": \"columns[0].iou[1]\" must be a number, found "
                + "the string \"low\"", e.getMessage());
        assertFalse(Files.exists(run.resolve("report.html")), "no report from bad input");
    }

    @Test
    void aMissingOrWrongFolderIsBadInput() throws IOException {
        Path missing = tmp.resolve("nothing-here");
        var e = assertThrows(InvalidInputException.class, () -> RunReport.write(missing));
        assertEquals(missing + ": no such run folder", e.getMessage());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        var noBest = assertThrows(InvalidInputException.class, () -> RunReport.write(empty));
        assertTrue(noBest.getMessage().startsWith(empty.resolve("best.json") + ": no such file"), noBest.getMessage());
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        var notFolder = assertThrows(InvalidInputException.class, () -> RunReport.write(file));
        assertTrue(notFolder.getMessage().startsWith(file + ": is not a folder"), notFolder.getMessage());
    }

    private static void assertNothingWritten(Path run) throws IOException {
        assertFalse(Files.exists(run.resolve("report.html")), "no report from bad input");
        assertFalse(Files.exists(run.resolve("plots")), "no plots from bad input");
    }

    /** A copy of the result files of {@code run} (not its report), to damage. */
    private Path copyOf(Path run, String name) throws IOException {
        Path copy = Files.createDirectories(tmp.resolve(name));
        for (String file : List.of("best.json", "pareto.json", "baselines.json", "generations.csv", "provenance.json",
                "candidates.csv")) {
            Files.copy(run.resolve(file), copy.resolve(file));
        }
        return copy;
    }

    private static void assertNoDuplicateIds(String html) {
        Set<String> ids = new HashSet<>();
        Matcher m = Pattern.compile("\\sid=\"([^\"]+)\"").matcher(html);
        while (m.find()) {
            assertTrue(ids.add(m.group(1)), "id " + m.group(1) + " appears twice; charts would clip each other");
        }
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
