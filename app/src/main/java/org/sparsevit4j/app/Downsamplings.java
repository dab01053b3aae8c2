package org.sparsevit4j.app;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.EqualMacResolution;
import org.sparsevit4j.core.MacCounter;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.evaluator.DownsampledEvaluator;
import org.sparsevit4j.supernet.data.Split;
import org.sparsevit4j.supernet.model.Precision;

/**
 * The other way to spend fewer MACs: a model run dense on its input downsampled to the resolution
 * whose dense MACs do not exceed a ceiling ({@link EqualMacResolution}), scored on val at the labels'
 * full size ({@link DownsampledEvaluator}). One model load and one evaluation per distinct resolution.
 */
public final class Downsamplings {

    /** The dense model at {@code height x width}: its backbone MACs and its metric on val. */
    public record Point(int height, int width, long macs, double metric) {
    }

    private Downsamplings() {
    }

    /**
     * One point per ceiling, in order.
     *
     * @param ceilings backbone MACs each downsampled input may cost at most
     */
    public static List<Point> evaluate(Path weights, DataSpec data, int batch, int loaderThreads, List<Long> ceilings,
            Progress progress) {
        Map<String, Point> byResolution = new LinkedHashMap<>();
        List<Point> points = new ArrayList<>();
        try (ModelSession session = ModelSession.open(weights, data, Split.VAL, null, batch, loaderThreads,
                new CacheSpec(null, true), Precision.F32);
                NDManager manager = NDManager.newBaseManager()) {
            ArchitectureSpec arch = session.model().spec().arch();
            SparsityConfig dense = SparsityConfig.dense(arch);
            DownsampledEvaluator evaluator = new DownsampledEvaluator(session.model(), session.source(), Split.VAL,
                    session.height(), session.width(), batch, loaderThreads, manager);
            for (int i = 0; i < ceilings.size(); i++) {
                int[] size = EqualMacResolution.of(arch, session.height(), session.width(), ceilings.get(i));
                String key = size[0] + "x" + size[1];
                progress.step(i, ceilings.size(), "input at " + key);
                Point point = byResolution.get(key);
                if (point == null) {
                    point = new Point(size[0], size[1], MacCounter.count(arch, size[0], size[1], dense).backbone(),
                            evaluator.evaluate(dense, size[0], size[1]).metric());
                    byResolution.put(key, point);
                }
                points.add(point);
            }
            progress.step(ceilings.size(), ceilings.size(), "done");
        }
        return points;
    }
}
