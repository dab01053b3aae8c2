package org.sparsevit4j.app;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.profiler.DeviceFingerprint;
import org.sparsevit4j.profiler.ForwardTimer;
import org.sparsevit4j.profiler.InputShape;
import org.sparsevit4j.supernet.model.SwinModel;
import org.sparsevit4j.supernet.checkpoint.LoadedModel;
import org.sparsevit4j.supernet.checkpoint.ModelSpec;

/**
 * A task model ready to be timed on a device, in the input's precision: its manager, the model
 * (loaded from weights, classifier or segmenter as the file says, or freshly initialized, since
 * latency does not depend on the values), the timer and the fingerprint of this process on that
 * device. Shared by benchmarks, latency tables and the search's measurements.
 */
public final class TimedModel implements AutoCloseable {

    private final NDManager manager;
    private final SwinModel model;
    private final ForwardTimer timer;
    private final DeviceFingerprint fingerprint;

    private TimedModel(NDManager manager, SwinModel model, InputShape input, Device device) {
        this.manager = manager;
        this.model = model;
        this.timer = new ForwardTimer(model, manager, input);
        this.fingerprint = DeviceFingerprint.current(device);
    }

    /**
     * @param fresh the model to initialize when {@code weights} is null
     * @param weights weights to time (their model, head included), or null
     */
    public static TimedModel open(ModelSpec fresh, Path weights, InputShape input, Device device) {
        NDManager manager = NDManager.newBaseManager(device);
        SwinModel model = null;
        try {
            if (weights == null) {
                fresh.arch().stageSizes(input.height(), input.width()); // rejects an input smaller than a patch, first
                model = fresh.newModel(manager, input.precision());
            } else {
                model = LoadedModel.load(weights, manager, input.precision()).model();
                model.arch().stageSizes(input.height(), input.width());
            }
            return new TimedModel(manager, model, input, device);
        } catch (RuntimeException e) {
            if (model != null) {
                model.close();
            }
            manager.close();
            throw e;
        }
    }

    public SwinModel model() {
        return model;
    }

    public ForwardTimer timer() {
        return timer;
    }

    /** This process on the model's device. */
    public DeviceFingerprint fingerprint() {
        return fingerprint;
    }

    /** Fails when the timed model is not {@code expected}'s architecture (names aside). */
    public void requireArch(ArchitectureSpec expected, String what) {
        if (!expected.sameLayers(model.arch())) {
            throw new InvalidInputException(what + " is " + expected.name() + " but the weights are "
                    + model.arch().name());
        }
    }

    @Override
    public void close() {
        timer.close();
        model.close();
        manager.close();
    }
}
