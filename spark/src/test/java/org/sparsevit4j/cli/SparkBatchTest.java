package org.sparsevit4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sparsevit batch JOB.json --spark-master local[2]} against the same job run here, file by file
 * (in the spark module: the command line finds Spark on this class path only).
 */
class SparkBatchTest {

    @TempDir
    Path dir;

    @Test
    void aBatchJobOnSparkWritesTheBytesOfTheSameJobRunHere() throws IOException {
        Path supernet = dir.resolve("supernet");
        CliRunner.Result trained = CliRunner.run("train-supernet", "--arch", "swin_micro", "--steps", "1", "--lr",
                "1e-6", "--min-lr", "1e-7", "--batch", "2", "--decoder-dim", "16", "--threads", "1", "--resolution",
                "64", "--synthetic-images", "40", "--synthetic-val", "6", "--out", supernet.toString());
        assertEquals(0, trained.exit(), trained.err());
        String job = """
                {
                  "checkpoint": "%s",
                  "batch": 2,
                  "search": {"generations": 2, "population": 8},
                  "seed": 7,
                  "targets": [{"maxMacs": "0.5x"}, {"maxMacs": "0.7x"}]
                }
                """.formatted(supernet.toAbsolutePath().toString().replace('\\', '/'));
        // the same folder name under two parents: the pages name their folder
        Path here = Files.createDirectories(dir.resolve("local")).resolve("job");
        Path there = Files.createDirectories(dir.resolve("spark")).resolve("job");
        Path jobFile = Files.writeString(dir.resolve("job.json"), job);
        CliRunner.Result local = CliRunner.run("batch", jobFile.toString(), "--out", here.toString(), "--threads", "1",
                "--cache-dir", dir.resolve("cache-local").toString());
        assertEquals(0, local.exit(), local.err());
        CliRunner.Result spark = CliRunner.run("batch", jobFile.toString(), "--out", there.toString(), "--threads", "1",
                "--cache-dir", dir.resolve("cache-spark").toString(), "--spark-master", "local[2]");
        assertEquals(0, spark.exit(), spark.err());
        assertTrue(spark.err().contains("evaluating on Spark 4."), spark.err());
        assertTrue(spark.out().contains(" on Spark 4."), "the evaluations were Spark's: " + spark.out());

        // every file, by a byte, but for its folder's path: nothing says where the evaluations ran
        List<Path> files = SameFiles.assertSame(here, there);
        assertTrue(files.contains(Path.of("job.json")) && files.size() > 10, files.toString());
        assertArrayEquals(Files.readAllBytes(here.resolve("job.csv")), Files.readAllBytes(there.resolve("job.csv")));
    }
}
