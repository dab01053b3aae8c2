package org.sparsevit4j.supernet.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The window layouts of one model, one per feature-map size it has seen, and the relative
 * position index of its window size: built once, kept on a manager of their own that lives as
 * long as the model, so that no forward pass rebuilds a mask (the reference rebuilds the shift
 * mask every pass).
 */
public final class WindowLayouts implements AutoCloseable {

    private final int window;
    private final Map<Long, WindowLayout> bySize = new ConcurrentHashMap<>();
    private NDManager cache;
    private NDArray relativeIndex;

    public WindowLayouts(int window) {
        this.window = window;
    }

    /** The layout of an {@code height × width} map on {@code device}. */
    public synchronized WindowLayout of(int height, int width, Device device) {
        NDManager manager = manager(device);
        return bySize.computeIfAbsent(((long) height << 32) | width,
                key -> new WindowLayout(height, width, window, manager));
    }

    /**
     * {@code (N·N)} int64: for query token i and key token j of a window, the row of the bias
     * table for their offset, {@code (Δrow + M − 1)·(2M − 1) + (Δcol + M − 1)} as torchvision
     * builds it.
     */
    public synchronized NDArray relativeIndex(Device device) {
        NDManager manager = manager(device);
        if (relativeIndex == null) {
            int n = window * window;
            long[] index = new long[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    int dr = i / window - j / window + window - 1;
                    int dc = i % window - j % window + window - 1;
                    index[i * n + j] = (long) dr * (2 * window - 1) + dc;
                }
            }
            relativeIndex = manager.create(index);
        }
        return relativeIndex;
    }

    private NDManager manager(Device device) {
        if (cache != null && !cache.getDevice().equals(device)) {
            close(); // the model moved; the cached indices must live where the activations are
        }
        if (cache == null) {
            cache = NDManager.newBaseManager(device);
            cache.setName("swin-window-layouts");
        }
        return cache;
    }

    /** Number of feature-map sizes cached. */
    public int size() {
        return bySize.size();
    }

    @Override
    public synchronized void close() {
        bySize.clear();
        relativeIndex = null;
        if (cache != null) {
            cache.close();
            cache = null;
        }
    }
}
