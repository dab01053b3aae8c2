package org.sparsevit4j.app;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Optional;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.profiler.TargetDevice;
import org.sparsevit4j.supernet.model.Precision;

/** The tensor engine of this process: its threads, the device named, the precision checked on it. */
public final class Engines {

    private Engines() {
    }

    /**
     * Starts the engine with {@code threads} intra-op threads (null: the engine's default, one per
     * core). Call before the first tensor is made; the engine reads the setting once when it starts,
     * and a warm one is set directly.
     */
    public static void start(Integer threads) {
        if (threads != null) {
            if (threads < 1) {
                throw new InvalidInputException("--threads " + threads + " must be at least 1");
            }
            System.setProperty("ai.djl.pytorch.num_threads", threads.toString());
        }
        Engine.getEngine("PyTorch");
        if (threads != null) {
            JniUtils.setNumThreads(threads);
        }
    }

    /** The device named {@code cpu}, {@code gpu} or {@code gpu:N} (null: the CPU). */
    public static Device device(String name) {
        return TargetDevice.parse(name);
    }

    /**
     * The precision named {@code f32}, {@code f16} or {@code bf16} (null: f32), checked on {@code device}:
     * refused where it cannot run, a warning to {@code progress} where it runs slowly.
     */
    public static Precision precision(String name, Device device, Progress progress) {
        Precision precision = Precision.parse(name);
        Optional<String> warning = precision.checkOn(device);
        warning.ifPresent(progress::warning);
        return precision;
    }
}
