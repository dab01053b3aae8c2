package org.sparsevit4j.profiler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.supernet.model.SwinClassifier;

/**
 * Times single forward passes of one model on one fixed input: the one measuring path behind
 * {@code sparsevit bench}, the latency table and {@code sparsevit profile}.
 *
 * <p>A pass runs in its own scope and ends by copying the logits to the host, which on a GPU
 * waits for every queued kernel; the previous pass ended the same way, so the clock starts on an
 * idle device and stops on a finished one. The input is random (latency does not depend on the
 * values) and made once, on the model's device.
 */
public final class ForwardTimer implements AutoCloseable {

    private final SwinClassifier model;
    private final NDManager inputs;
    private final NDArray images;
    private final InputShape input;

    /**
     * @param model the model to time; its parameters live on {@code manager}'s device
     * @param manager the manager the input is made under (a sub-manager, closed with this timer)
     */
    public ForwardTimer(SwinClassifier model, NDManager manager, InputShape input) {
        this.model = model;
        this.input = input;
        model.arch().stageSizes(input.height(), input.width()); // rejects an input smaller than a patch
        inputs = manager.newSubManager();
        images = inputs.randomNormal(new Shape(input.batch(), model.arch().inChannels(), input.height(), input.width()));
    }

    /** Milliseconds of one forward pass under {@code config}. */
    public double passMs(SparsityConfig config) {
        try (NDManager pass = inputs.newSubManager()) {
            long start = System.nanoTime();
            model.classify(new ParameterStore(pass, false), images, config, false).get(0).toFloatArray();
            return (System.nanoTime() - start) / 1e6;
        }
    }

    /**
     * Milliseconds of one forward pass under {@code config} with {@code parts} timing its parts
     * in place; the parts add up to the returned total.
     */
    double passMs(SparsityConfig config, PartTimer parts) {
        model.backbone().setObserver(parts);
        try (NDManager pass = inputs.newSubManager()) {
            long start = System.nanoTime();
            parts.start();
            model.classify(new ParameterStore(pass, false), images, config, false).get(0).toFloatArray();
            parts.finish();
            return (System.nanoTime() - start) / 1e6;
        } finally {
            model.backbone().setObserver(null);
        }
    }

    public SwinClassifier model() {
        return model;
    }

    public InputShape input() {
        return input;
    }

    @Override
    public void close() {
        inputs.close();
    }
}
