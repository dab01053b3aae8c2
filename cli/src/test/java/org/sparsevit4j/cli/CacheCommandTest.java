package org.sparsevit4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.app.CacheSpec;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.evaluator.EvaluationResult;
import org.sparsevit4j.evaluator.ResultCache;
import org.sparsevit4j.evaluator.SplitEvaluator;
import org.sparsevit4j.supernet.data.Split;
import org.sparsevit4j.supernet.model.Precision;

/** {@code sparsevit cache --info | --clear} on cache folders written by the evaluator's own cache. */
class CacheCommandTest {

    private static final ArchitectureSpec MICRO = ArchitectureSpec.preset("swin_micro");

    @TempDir
    Path dir;

    private static EvaluationResult result(double ratio, double miou) {
        return new EvaluationResult(SparsityConfig.uniform(MICRO, ratio), "search", 8, true, Double.NaN, miou, 0.9,
                List.of(miou, Double.NaN), 0.5, false);
    }

    /** Two files of this build (3 results) and one of an older semantics version (1 result). */
    private Path filledCache() {
        Path cache = dir.resolve("evaluations");
        ResultCache a = ResultCache.open(cache, CacheSpec.key("a".repeat(64), "synthetic", Split.SEARCH, 64, 64,
                Precision.F32));
        a.put(result(0, 0.8));
        a.put(result(0.4, 0.7));
        ResultCache.open(cache, CacheSpec.key("b".repeat(64), "synthetic", Split.VAL, 64, 64, Precision.F32))
                .put(result(0.2, 0.75));
        ResultCache.open(cache, "semantics=1;weights=" + "a".repeat(64)).put(result(0, 0.6));
        return cache;
    }

    @Test
    void infoNamesTheFolderTheResultsTheSizeAndTheSemantics() throws Exception {
        Path cache = filledCache();
        long bytes;
        try (var files = Files.list(cache)) {
            bytes = files.mapToLong(f -> f.toFile().length()).sum();
        }
        CliRunner.Result r = CliRunner.run("cache", "--info", "--cache-dir", cache.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("folder     " + cache,
                "results    4 in 3 files, " + String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0),
                "semantics  " + SplitEvaluator.EVALUATION_SEMANTICS + " (this build's EVALUATION_SEMANTICS); 1 results "
                        + "in 1 files are of another version and never served"), r.out().lines().toList());
    }

    @Test
    void clearRemovesTheFolderInOneLineAndAnOpenCacheKeepsWorking() {
        Path cache = filledCache();
        ResultCache running = ResultCache.open(cache, CacheSpec.key("c".repeat(64), "synthetic", Split.SEARCH, 64, 64,
                Precision.F32));
        CliRunner.Result r = CliRunner.run("cache", "--clear", "--cache-dir", cache.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, r.out().lines().count(), r.out());
        assertTrue(r.out().strip().matches("removed the evaluation cache " + java.util.regex.Pattern.quote(
                cache.toAbsolutePath().toString()) + ": 4 results in 4 files, \\d+\\.\\d KiB"), r.out());
        assertFalse(Files.exists(cache));
        try (var siblings = java.util.stream.Stream.of(dir.toFile().list())) {
            assertEquals(List.of(), siblings.toList(), "the folder renamed aside is gone too");
        }
        // a search that had the cache open when it was cleared goes on writing its results
        running.put(result(0.4, 0.7));
        assertEquals(1, ResultCache.open(cache, CacheSpec.key("c".repeat(64), "synthetic", Split.SEARCH, 64, 64,
                Precision.F32)).size());
        CliRunner.Result info = CliRunner.run("cache", "--info", "--cache-dir", dir.resolve("none").toString());
        assertTrue(info.out().startsWith("folder     " + dir.resolve("none") + " (does not exist yet)"), info.out());
        CliRunner.Result nothing = CliRunner.run("cache", "--clear", "--cache-dir", dir.resolve("none").toString());
        assertEquals(0, nothing.exit(), nothing.err());
        assertEquals("no evaluation cache at " + dir.resolve("none") + "; nothing to remove", nothing.out().strip());
    }

    @Test
    void aFolderWithOtherFilesIsNotClearedAndTheOptionsAreExclusive() throws Exception {
        Path cache = filledCache();
        Files.writeString(cache.resolve("notes.txt"), "mine");
        CliRunner.Result refused = CliRunner.run("cache", "--clear", "--cache-dir", cache.toString());
        assertEquals(2, refused.exit(), refused.err());
        assertEquals("sparsevit: " + cache.toAbsolutePath() + " holds notes.txt, which is not an evaluation cache "
                + "file; not clearing it", refused.err().strip());
        try (var files = Files.list(cache)) {
            assertEquals(4, files.count(), "nothing removed");
        }
        assertEquals(2, CliRunner.run("cache", "--info", "--clear").exit());
        assertEquals(2, CliRunner.run("cache").exit());
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliRunner.Result onFile = CliRunner.run("cache", "--info", "--cache-dir", file.toString());
        assertEquals(2, onFile.exit(), onFile.err());
        assertEquals(1, onFile.err().strip().lines().count(), onFile.err());
    }
}
