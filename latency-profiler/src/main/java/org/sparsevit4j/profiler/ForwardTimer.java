package org.sparsevit4j.profiler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.supernet.model.SwinModel;

/**
 * Times single forward passes of one task model (classifier or segmenter, head included) on one
 * fixed input: the one measuring path behind {@code sparsevit bench}, the latency table,
 * {@code sparsevit profile} and the search's measurements.
 *
 * <p>A pass runs in its own scope and ends by copying one element of the logits to the host,
 * which on a GPU waits for every queued kernel; the previous pass ended the same way, so the clock
 * starts on an idle device and stops on a finished one. Only one element is copied because a
 * segmenter's logits are large (classes × pixels) and copying them would time the bus, not the
 * model. The input is random (latency does not depend on the values), in the model's precision, and
 * made once on the model's device.
 */
public final class ForwardTimer implements AutoCloseable {

    private final SwinModel model;
    private final NDManager inputs;
    private final NDArray images;
    private final InputShape input;
    private final TimedHead head;

    /**
     * @param model the model to time; its parameters live on {@code manager}'s device, in the
     *     input's precision
     * @param manager the manager the input is made under (a sub-manager, closed with this timer)
     */
    public ForwardTimer(SwinModel model, NDManager manager, InputShape input) {
        this.model = model;
        this.input = input;
        this.head = TimedHead.of(model);
        model.arch().stageSizes(input.height(), input.width()); // rejects an input smaller than a patch
        if (model.precision() != input.precision()) {
            throw new IllegalArgumentException("the model computes in " + model.precision() + " but the input is "
                    + input.precision());
        }
        inputs = manager.newSubManager();
        images = inputs.randomNormal(new Shape(input.batch(), model.arch().inChannels(), input.height(), input.width()))
                .toType(input.precision().dataType(), false);
    }

    /** Milliseconds of one forward pass under {@code config}. */
    public double passMs(SparsityConfig config) {
        try (NDManager pass = inputs.newSubManager()) {
            long start = System.nanoTime();
            waitFor(model.logits(new ParameterStore(pass, false), images, config, false));
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
            waitFor(model.logits(new ParameterStore(pass, false), images, config, false));
            parts.finish();
            return (System.nanoTime() - start) / 1e6;
        } finally {
            model.backbone().setObserver(null);
        }
    }

    /** Copies one element of {@code array} to the host: returns once the device has computed it. */
    static void waitFor(NDArray array) {
        try (NDArray one = array.flatten().get(0)) {
            one.toArray();
        }
    }

    public SwinModel model() {
        return model;
    }

    public InputShape input() {
        return input;
    }

    /** The task head timed with the backbone. */
    public TimedHead head() {
        return head;
    }

    @Override
    public void close() {
        inputs.close();
    }
}
