package org.sparsevit4j.supernet.model;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
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
    private final Map<Key, WindowLayout> bySize = new ConcurrentHashMap<>();
    private final long[] relativeIndex;
    private NDManager cache;

    public WindowLayouts(int window) {
        this.window = window;
        this.relativeIndex = buildRelativeIndex(window);
    }

    /** The layout of an {@code height × width} map on {@code device}, its masks in float32. */
    public WindowLayout of(int height, int width, Device device) {
        return of(height, width, device, DataType.FLOAT32);
    }

    /**
     * The layout of an {@code height × width} map on {@code device}, its masks in {@code type}
     * (the activations' type: a float32 mask would promote half-precision attention logits).
     */
    public synchronized WindowLayout of(int height, int width, Device device, DataType type) {
        NDManager manager = manager(device);
        return bySize.computeIfAbsent(new Key(height, width, type),
                key -> new WindowLayout(height, width, window, type, manager));
    }

    private record Key(int height, int width, DataType type) {
    }

    /**
     * {@code (N·N)}: for query token i and key token j of a window, the row of the bias table for
     * their offset, {@code (Δrow + M − 1)·(2M − 1) + (Δcol + M − 1)} as torchvision builds it.
     * Kept as Java data: each pass copies it into its own scope, so that the table lookup, whose
     * result lands on the index's manager, never touches a long-lived one.
     */
    public long[] relativeIndex() {
        return relativeIndex.clone();
    }

    private static long[] buildRelativeIndex(int window) {
        int n = window * window;
        long[] index = new long[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int dr = i / window - j / window + window - 1;
                int dc = i % window - j % window + window - 1;
                index[i * n + j] = (long) dr * (2 * window - 1) + dc;
            }
        }
        return index;
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

    /** Arrays held by the cache: constant once every size in use has been seen (a leak check). */
    public synchronized int cachedArrays() {
        return cache == null ? 0 : cache.getManagedArrays().size();
    }

    @Override
    public synchronized void close() {
        bySize.clear();
        if (cache != null) {
            cache.close();
            cache = null;
        }
    }
}
