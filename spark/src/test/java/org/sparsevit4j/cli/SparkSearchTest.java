package org.sparsevit4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sparsevit search --spark-master local[2]} against the same search run here, file by file (in the
 * spark module: the command line finds Spark on this class path only).
 */
class SparkSearchTest {

    @TempDir
    Path dir;

    @Test
    void aSearchOnSparkWritesTheBytesOfTheSameSearchRunHere() throws IOException {
        Path supernet = dir.resolve("supernet");
        CliRunner.Result trained = CliRunner.run("train-supernet", "--arch", "swin_micro", "--steps", "2", "--batch", "2",
                "--decoder-dim", "16", "--threads", "1", "--resolution", "64", "--synthetic-images", "30",
                "--synthetic-val", "6", "--out", supernet.toString());
        assertEquals(0, trained.exit(), trained.err());
        String[] search = {"search", "--weights", supernet.toString(), "--max-macs", "0.6x", "--pareto",
            "--generations", "2", "--population", "8", "--seed", "11", "--batch", "2", "--threads", "1"};
        // the same folder name: the report names its folder
        Path here = dir.resolve("local").resolve("run");
        CliRunner.Result local = CliRunner.run(concat(search, "--out", here.toString(), "--cache-dir",
                dir.resolve("cache-local").toString()));
        assertEquals(0, local.exit(), local.err());
        Path there = dir.resolve("spark").resolve("run");
        CliRunner.Result spark = CliRunner.run(concat(search, "--out", there.toString(), "--cache-dir",
                dir.resolve("cache-spark").toString(), "--spark-master", "local[2]"));
        assertEquals(0, spark.exit(), spark.err());
        assertTrue(spark.err().contains("evaluating on Spark 4."), spark.err());

        List<Path> files = SameFiles.assertSame(here, there);
        assertTrue(files.contains(Path.of("candidates.csv")) && files.contains(Path.of("search-state.json")),
                files.toString());
        assertArrayEquals(Files.readAllBytes(here.resolve("candidates.csv")),
                Files.readAllBytes(there.resolve("candidates.csv")));
        assertEquals(local.out().replace(here.toString(), "RUN"), spark.out().replace(there.toString(), "RUN"));
    }

    @Test
    void aBadSparkSettingIsOneLineAndExit2() {
        System.setProperty("spark.sparsevit.ship", "everything");
        try {
            CliRunner.Result r = CliRunner.run("search", "--weights", dir.resolve("nothing").toString(), "--max-macs",
                    "0.6x", "--out", dir.resolve("out").toString(), "--spark-master", "local[1]");
            assertEquals(2, r.exit(), r.err());
            assertEquals("sparsevit: spark.sparsevit.ship=everything: each part must be checkpoint, dataset or none",
                    r.err().strip());
        } finally {
            System.clearProperty("spark.sparsevit.ship");
        }
    }

    private static String[] concat(String[] a, String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
