package org.sparsevit4j.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.profiler.DeviceFingerprint;
import org.sparsevit4j.profiler.ForwardTimer;
import org.sparsevit4j.profiler.InputShape;
import org.sparsevit4j.supernet.model.SwinClassifier;
import org.sparsevit4j.supernet.weights.SwinWeights;

/**
 * A model ready to be timed on a device: its manager, the classifier (freshly initialized, since
 * latency does not depend on the values, or loaded from weights), the timer and the fingerprint
 * of this process on that device. Shared by {@code bench}, {@code profile} and the search's
 * re-measurement.
 */
final class TimingSetup implements AutoCloseable {

    final NDManager manager;
    final SwinClassifier model;
    final ForwardTimer timer;
    final DeviceFingerprint fingerprint;

    private TimingSetup(NDManager manager, SwinClassifier model, InputShape input, Device device) {
        this.manager = manager;
        this.model = model;
        this.timer = new ForwardTimer(model, manager, input);
        this.fingerprint = DeviceFingerprint.current(device);
    }

    /**
     * @param weights weights to time, or null for a freshly initialized model of {@code arch}
     */
    static TimingSetup open(ArchitectureSpec arch, InputShape input, Device device, Path weights) {
        arch.stageSizes(input.height(), input.width()); // rejects an input smaller than a patch, before any work
        NDManager manager = NDManager.newBaseManager(device);
        try {
            SwinClassifier model;
            if (weights == null) {
                model = new SwinClassifier(arch);
                model.initialize(manager, DataType.FLOAT32, new Shape(input.batch(), arch.inChannels(), input.height(),
                        input.width()));
            } else {
                try (SwinWeights file = SwinWeights.open(weights)) {
                    model = file.newModel(manager, arch.withNumClasses(file.inferArchitecture().numClasses()));
                }
            }
            return new TimingSetup(manager, model, input, device);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public void close() {
        timer.close();
        model.close();
        manager.close();
    }
}
