package org.sparsevit4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's own class path has no Spark: {@code --spark-master} says so in one line, for search and batch. */
class SparkMasterWithoutSparkTest {

    @TempDir
    Path dir;

    @Test
    void sparkMasterWithoutTheSparkModuleIsOneLineAndExit2() {
        CliRunner.Result r = CliRunner.run("search", "--weights", dir.resolve("supernet").toString(), "--max-macs",
                "0.6x", "--out", dir.resolve("out").toString(), "--spark-master", "local[2]");
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("sparsevit: --spark-master local[2]: the spark module is not on the class path"),
                r.err());
    }

    @Test
    void batchSparkMasterWithoutTheSparkModuleIsOneLineAndExit2() {
        CliRunner.Result r = CliRunner.run("batch", dir.resolve("job.json").toString(), "--spark-master", "local[2]");
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("sparsevit: --spark-master local[2]: the spark module is not on the class path"),
                r.err());
    }
}
