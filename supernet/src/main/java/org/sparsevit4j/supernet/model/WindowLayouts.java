package org.sparsevit4j.supernet.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
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
     * Where patch merging takes each part of each merged token from, reading one stage's window
     * layout and producing the next stage's directly (see {@link PatchMerging#applyWindows}).
     *
     * @param index {@code (nW'·N'·4)} int64: for every position of the next stage's layout and each of
     *     the four neighbours torchvision concatenates (x0 = (2r, 2c), x1 = (2r+1, 2c), x2 = (2r, 2c+1),
     *     x3 = (2r+1, 2c+1)), its position in this stage's layout, or the index of an appended zero row
     *     for a neighbour beyond an odd side; positions that pad the next stage's map read position 0,
     *     whose finite values never reach a real token (LN1 is masked there)
     * @param zeroRow whether the index refers to the zero row (a side of odd length)
     */
    public record MergeIndex(NDArray index, boolean zeroRow) {
    }

    private final Map<List<Integer>, MergeIndex> merges = new ConcurrentHashMap<>();

    /** The merge index from {@code from}'s layout to {@code to}'s, the next stage's, on {@code from}'s manager. */
    public synchronized MergeIndex merge(WindowLayout from, WindowLayout to, Device device) {
        NDManager manager = manager(device);
        return merges.computeIfAbsent(List.of(from.height(), from.width(), to.height(), to.width()), key -> {
            int n = to.tokensPerWindow();
            long[] index = new long[to.numWindows() * n * 4];
            long zero = (long) from.numWindows() * from.tokensPerWindow();
            boolean zeroRow = false;
            for (int r = 0; r < to.paddedHeight(); r++) {
                for (int c = 0; c < to.paddedWidth(); c++) {
                    int q = to.regularPosition(r, c);
                    for (int k = 0; k < 4; k++) {
                        int sr = 2 * r + (k & 1);
                        int sc = 2 * c + (k >> 1);
                        long source;
                        if (r >= to.height() || c >= to.width()) {
                            source = 0;
                        } else if (sr >= from.height() || sc >= from.width()) {
                            source = zero;
                            zeroRow = true;
                        } else {
                            source = from.regularPosition(sr, sc);
                        }
                        index[q * 4 + k] = source;
                    }
                }
            }
            return new MergeIndex(manager.create(index), zeroRow);
        });
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
        merges.clear();
        if (cache != null) {
            cache.close();
            cache = null;
        }
    }
}
