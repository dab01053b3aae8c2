package org.sparsevit4j.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.EqualMacResolution;
import org.sparsevit4j.core.MacCounter;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.supernet.data.Split;
import org.sparsevit4j.supernet.model.Precision;

/**
 * The other way to spend fewer MACs: a model run dense on its input downsampled to the resolution
 * whose dense MACs do not exceed a ceiling ({@link EqualMacResolution}). The evaluator scores
 * segmentation at each label file's resolution whatever size the model runs at (its logits resized
 * back, bilinear), so a downsampled input is scored on the same labels as the full one. One
 * evaluation per distinct resolution, through the given result cache (its key names the resolution).
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
     * @param fullSize the resolution the ceilings' configurations run at
     * @param ceilings backbone MACs each downsampled input may cost at most
     */
    public static List<Point> evaluate(Path weights, DataSpec data, ArchitectureSpec arch, Resolution fullSize,
            int batch, int loaderThreads, CacheSpec cache, List<Long> ceilings, Progress progress) {
        Map<Resolution, Point> byResolution = new LinkedHashMap<>();
        List<Point> points = new ArrayList<>();
        SparsityConfig dense = SparsityConfig.dense(arch);
        for (int i = 0; i < ceilings.size(); i++) {
            int[] size = EqualMacResolution.of(arch, fullSize.height(), fullSize.width(), ceilings.get(i));
            Resolution low = new Resolution(size[0], size[1]);
            progress.step(i, ceilings.size(), "input at " + low);
            Point point = byResolution.get(low);
            if (point == null) {
                try (ModelSession session = ModelSession.open(weights, data, Split.VAL, low, batch, loaderThreads,
                        cache, Precision.F32)) {
                    point = new Point(low.height(), low.width(), MacCounter.count(arch, low.height(), low.width(),
                            dense).backbone(), session.evaluator().evaluate(dense).metric());
                }
                byResolution.put(low, point);
            }
            points.add(point);
        }
        progress.step(ceilings.size(), ceilings.size(), "done");
        return points;
    }
}
