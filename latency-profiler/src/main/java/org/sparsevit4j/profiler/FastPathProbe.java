package org.sparsevit4j.profiler;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import java.util.Locale;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.supernet.engine.FastPaths;
import org.sparsevit4j.supernet.model.SwinClassifier;

/**
 * One measurement in a process of its own, for {@link FastPathCheck}: the fast paths are fixed when
 * a process starts (a preloaded library, the allocator's environment), so each variant is timed in a
 * child JVM started with its environment. Prints one line:
 * {@code fastPaths=<active>;dense=<ms>;sparse=<ms>}.
 *
 * <p>Arguments: architecture, image side, intra-op threads, timed passes.
 */
public final class FastPathProbe {

    private FastPathProbe() {
    }

    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        ArchitectureSpec arch = ArchitectureSpec.preset(args[0]);
        int side = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        int runs = Integer.parseInt(args[3]);
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(threads);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
                SwinClassifier model = new SwinClassifier(arch)) {
            model.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new ai.djl.ndarray.types.Shape(1, 3, 224, 224));
            try (ForwardTimer timer = new ForwardTimer(model, manager, new InputShape(1, side, side))) {
                List<Measured> m = LatencyMeasurement.configurations(timer, List.of(SparsityConfig.dense(arch),
                        SparsityConfig.uniform(arch, FastPathCheck.SPARSE_RATIO)), MeasurementPlan.of(2, runs), line -> { });
                System.out.printf(Locale.ROOT, "fastPaths=%s;dense=%.3f;sparse=%.3f%n", FastPaths.describe(),
                        m.get(0).summary().medianMs(), m.get(1).summary().medianMs());
            }
        }
        System.exit(0);
    }
}
