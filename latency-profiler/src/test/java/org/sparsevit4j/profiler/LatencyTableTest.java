package org.sparsevit4j.profiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.WindowGrid;
import org.sparsevit4j.supernet.model.SwinClassifier;

/**
 * The latency table's bookkeeping on a small model: what it holds, that a prediction is the sum of
 * the parts a configuration runs, its file, and its refusals. Accuracy against measurement is the
 * benchmark's job ({@link LatencyTableAccuracyBenchmark}).
 */
class LatencyTableTest {

    /** Stage 0 of 112x112 has 16x16 tokens, 3x3 padded windows of 7; stage 1 has 8x8, 2x2 windows. */
    private static final ArchitectureSpec SMALL = LatencyBenchmarkTest.SMALL;
    private static final InputShape INPUT = new InputShape(1, 112, 112);

    private static NDManager manager;
    private static SwinClassifier model;
    private static ForwardTimer timer;
    private static LatencyTable table;

    @BeforeAll
    static void build() {
        manager = NDManager.newBaseManager();
        model = new SwinClassifier(SMALL);
        model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 112, 112));
        timer = new ForwardTimer(model, manager, INPUT);
        table = LatencyTableBuilder.build(timer, new MeasurementPlan(1, 3, 100, 0), 4,
                DeviceFingerprint.current(Device.cpu()), line -> { });
    }

    @AfterAll
    static void close() {
        timer.close();
        model.close();
        manager.close();
    }

    @Test
    void holdsEveryPartOfThePass() {
        // a classifier leaves the window layout after the last stage only: merging reads the windows
        assertEquals(List.of("head", "merging 0", "patch_embed", "stage 0 entry", "stage 1 exit"),
                table.denseMs().keySet().stream().sorted().toList());
        assertEquals(2, table.rankMs().length);
        for (double[][] stage : table.blockMs()) {
            for (double[] block : stage) {
                assertEquals(WindowGrid.MAX_LEVEL + 1, block.length);
                for (double ms : block) {
                    assertTrue(ms >= 0 && Double.isFinite(ms), "block time " + ms);
                }
            }
        }
        assertEquals(9, table.checks().size());
        assertEquals(LatencyTable.ANCHOR_RATIOS.length, table.anchors().size());
        assertEquals(new TimedHead(TimedHead.CLASSIFICATION, SMALL.numClasses(), 0), table.head());
        assertEquals(4, table.randomContexts());
        assertTrue(table.buildSeconds() > 0);
    }

    @Test
    void theCalibrationIsTheLineThroughSumsAndPasses() {
        double[] sums = {10, 20, 30, 40};
        double[] passes = {2 + 0.9 * 10, 2 + 0.9 * 20, 2 + 0.9 * 30, 2 + 0.9 * 40};
        LatencyTable.Calibration line = LatencyTableBuilder.fit(sums, passes, true);
        assertEquals(2, line.offsetMs(), 1e-9);
        assertEquals(0.9, line.slope(), 1e-12);
        assertTrue(line.plainPasses());
        // one configuration: no line to fit, a factor through the origin
        LatencyTable.Calibration single = LatencyTableBuilder.fit(new double[] {10}, new double[] {12}, false);
        assertEquals(0, single.offsetMs());
        assertEquals(1.2, single.slope(), 1e-12);
    }

    @Test
    void levelsThatKeepTheSameWindowsShareATime() {
        // stage 1 has 4 windows: levels 1 and 2 both keep 3 (floor 3.6, 3.2), levels 3..5 keep 2
        double[] block = table.blockMs()[1][0];
        assertEquals(block[1], block[2]);
        assertEquals(block[3], block[4]);
        assertEquals(block[4], block[5]);
    }

    @Test
    void aPredictionIsTheSumOfThePartsAConfigurationRuns() {
        double dense = table.denseMs().values().stream().mapToDouble(Double::doubleValue).sum();
        double denseBlocks = 0;
        for (double[][] stage : table.blockMs()) {
            for (double[] block : stage) {
                denseBlocks += block[0];
            }
        }
        assertEquals(dense + denseBlocks, table.partSumMs(SparsityConfig.dense(SMALL)), 1e-9);
        // stage 0 dense, stage 1 at 0.3 then 0.5: one ranking (stage 1), blocks at their levels
        SparsityConfig mixed = SparsityConfig.ofLevels(new int[][] {{0, 0}, {3, 5}});
        double expected = dense + table.blockMs()[0][0][0] + table.blockMs()[0][1][0] + table.rankMs()[1]
                + table.blockMs()[1][0][3] + table.blockMs()[1][1][5];
        assertEquals(expected, table.partSumMs(mixed), 1e-9);
        LatencyTable.Calibration line = table.calibration();
        assertEquals(line.offsetMs() + line.slope() * expected, table.latencyMs(mixed), 1e-9);
        // on the CPU the parts partition the pass and the fitted line is near the identity; how near is a
        // timing figure (a loaded 2-core machine gave slopes from 0.8 to 6.7), measured by
        // LatencyTableAccuracyBenchmark, not held by a unit test
        assertFalse(line.plainPasses());
        assertEquals(9 + 4, line.passes());
        assertThrows(InvalidInputException.class, () -> table.latencyMs(SparsityConfig.dense(ArchitectureSpec.preset(
                "swin_t"))));
    }

    @Test
    void theFileRoundTripsAndNamesWhatIsWrong(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.json");
        LatencyTableJson.write(table, file);
        LatencyTable back = LatencyTableJson.read(file);
        assertEquals(table.fingerprint(), back.fingerprint());
        assertEquals(table.input(), back.input());
        assertEquals(table.head(), back.head());
        assertEquals(table.anchors(), back.anchors());
        assertEquals(table.calibration(), back.calibration());
        assertEquals(table.denseMs(), back.denseMs());
        assertArrayEquals(table.rankMs(), back.rankMs());
        for (int s = 0; s < 2; s++) {
            for (int b = 0; b < 2; b++) {
                assertArrayEquals(table.blockMs()[s][b], back.blockMs()[s][b]);
            }
        }
        SparsityConfig c = SparsityConfig.ofLevels(new int[][] {{2, 8}, {1, 1}});
        assertEquals(table.latencyMs(c), back.latencyMs(c));

        String json = Files.readString(file);
        for (String[] broken : new String[][] {
            {"{", "invalid JSON at line 1"},
            {"[]", "the top level must be an object, found a list"},
            {json.replace("\"version\" : 3", "\"version\" : 7"), "version 7"},
            {json.replace("\"version\" : 3", "\"version\" : 1"), "version 1"},
            {json.replace("\"dtype\" : \"f32\"", "\"dtype\" : \"f8\""), "--dtype f8"},
            {json.replace("\"task\" : \"classification\"", "\"task\" : \"detection\""), "detection"},
            {json.replace("\"anchors\"", "\"anchor\""), "missing field \"anchors\""},
            {json.replaceFirst("\"ms\" : \\[ [0-9.E-]+", "\"ms\" : [ -1"), "must be a time in ms"},
            {json.replace("\"rank_ms\"", "\"rank\""), "missing field \"rank_ms\""},
            {json.replace("\"slope\" : ", "\"slope\" : \"steep\", \"x\" : "), "\"calibration.slope\" must be a number"},
        }) {
            Files.writeString(file, broken[0]);
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> LatencyTableJson.read(file));
            assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains(broken[1]),
                    e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
        assertThrows(InvalidInputException.class, () -> LatencyTableJson.read(dir));
        assertThrows(InvalidInputException.class, () -> LatencyTableJson.read(dir.resolve("missing.json")));
    }

    @Test
    void refusesAnotherDeviceSettingOrArchitecture() {
        DeviceFingerprint here = table.fingerprint();
        TimedHead head = table.head();
        table.requireApplies("t.json", SMALL, head, here);
        DeviceFingerprint moreThreads = new DeviceFingerprint(here.deviceType(), here.deviceId(), here.deviceName(),
                here.engine(), here.engineVersion(), here.djlVersion(), here.intraOpThreads() + 1,
                here.interOpThreads(), "99", here.os(), here.cpuModel(), here.fastPaths());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> table.requireApplies("t.json", SMALL, head, moreThreads));
        assertTrue(e.getMessage().contains("intra-op threads: " + here.intraOpThreads() + " vs "
                + (here.intraOpThreads() + 1)), e.getMessage());
        assertTrue(!e.getMessage().contains("java"), "the Java version is not matched: " + e.getMessage());
        assertThrows(InvalidInputException.class, () -> table.requireApplies("t.json", ArchitectureSpec.preset(
                "swin_micro"), head, here));
        InvalidInputException other = assertThrows(InvalidInputException.class, () -> table.requireApplies("t.json",
                SMALL, new TimedHead(TimedHead.SEGMENTATION, 5, 32), here));
        assertTrue(other.getMessage().contains("segmentation"), other.getMessage());
        assertThrows(InvalidInputException.class, () -> table.requireApplies("t.json", SMALL,
                new TimedHead(TimedHead.CLASSIFICATION, 99, 0), here), "a head of other classes is another model");
    }

    @Test
    void thePartsOfAPassAddUpToIt() {
        PartTimer parts = new PartTimer(false);
        SparsityConfig config = SparsityConfig.ofLevels(new int[][] {{1, 4}, {0, 6}});
        double total = timer.passMs(config, parts);
        double sum = parts.parts().values().stream().mapToDouble(Double::doubleValue).sum();
        assertTrue(sum <= total && sum > 0.8 * total, "parts " + sum + " of a " + total + " ms pass");
        assertTrue(parts.parts().containsKey("rank 0") && parts.parts().containsKey("rank 1"), parts.parts().toString());
        assertTrue(parts.parts().containsKey("block 1.1"), parts.parts().toString());
    }
}
