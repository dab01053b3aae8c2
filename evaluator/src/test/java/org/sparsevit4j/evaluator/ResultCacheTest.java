package org.sparsevit4j.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.core.SparsityConfig;

class ResultCacheTest {

    private static final SparsityConfig CONFIG = SparsityConfig.ofRatios(
            List.of(List.of(0.3, 0.3), List.of(0.0, 0.0), List.of(0.1, 0.1), List.of(0.0, 0.0)));

    /**
     * Lines as releases before the records wrote them (fields in writing order, explicit nulls): a
     * cache filled by an older build keeps serving its results.
     */
    @Test
    void readsTheLinesEarlierReleasesWrote(@TempDir Path dir) throws Exception {
        ResultCache created = ResultCache.open(dir, "key");
        Files.writeString(created.file(), "{\"key\":\"key\"}\n"
                + "{\"ratios\":[[0.3,0.3],[0.0,0.0],[0.1,0.1],[0.0,0.0]],\"split\":\"search\",\"images\":20,"
                + "\"segmentation\":true,\"top1\":null,\"miou\":0.5,\"pixel_accuracy\":0.9,"
                + "\"class_iou\":[0.8,null,0.2],\"seconds\":1.5}\n");
        EvaluationResult r = ResultCache.open(dir, "key").get(CONFIG).orElseThrow();
        assertEquals(0.5, r.miou());
        assertTrue(Double.isNaN(r.top1()));
        assertEquals(3, r.classIou().size());
        assertTrue(Double.isNaN(r.classIou().get(1)));
        assertEquals(0.2, r.classIou().get(2));
        assertTrue(r.cached());
    }

    @Test
    void aResultWrittenIsReadBackAndALineCutShortIsSkipped(@TempDir Path dir) throws Exception {
        ResultCache cache = ResultCache.open(dir, "key");
        cache.put(new EvaluationResult(CONFIG, "val", 8, false, 0.75, Double.NaN, Double.NaN, List.of(), 2.0, false));
        Files.writeString(cache.file(), "{\"images\":8,\"ratios\":[[0.3", java.nio.file.StandardOpenOption.APPEND);
        ResultCache reopened = ResultCache.open(dir, "key");
        assertEquals(1, reopened.size());
        EvaluationResult r = reopened.get(CONFIG).orElseThrow();
        assertEquals(0.75, r.top1());
        assertTrue(Double.isNaN(r.miou()));
        assertEquals("val", r.split());
        assertEquals(new ResultCache.Contents("key", 2), ResultCache.contents(cache.file()));
    }
}
