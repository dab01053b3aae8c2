package org.sparsevit4j.supernet.model;

import ai.djl.ndarray.NDArray;

/**
 * Watches a forward pass of the backbone from inside: the latency profiler times its parts, and
 * the window picture reads which windows each block keeps. The model only calls it when one is
 * attached ({@link SwinBackbone#setObserver}), so a plain pass pays nothing.
 *
 * <p>The parts, in the order a pass finishes them: {@code patch_embed}; per stage S
 * {@code stage S entry} (into windows), {@code rank S} (window importance, only in a stage with a
 * pruned block), {@code block S.B} for each block, {@code stage S exit} (back to a map); then
 * {@code merging S} between stages. Each part's time is the time since the previous call, so the
 * parts partition the backbone's pass.
 */
public interface ForwardObserver {

    /**
     * A part of the pass has finished.
     *
     * @param part the part's name (see the class comment)
     * @param output its result, for an observer that must force an asynchronous device to finish
     *     before it reads the clock; not to be kept or closed
     */
    default void partDone(String part, NDArray output) {
    }

    /**
     * A block of a pruned stage runs on a subset of its windows.
     *
     * @param stage the stage
     * @param block the block within the stage
     * @param shifted whether the windows are those of the shifted partition
     * @param layout the stage's window layout (grid size, padding)
     * @param kept {@code (B, k)} int64: the indices of the kept windows per image, best first, in
     *     the partition's window order (row-major over the padded grid); not to be kept or closed
     */
    default void windowsKept(int stage, int block, boolean shifted, WindowLayout layout, NDArray kept) {
    }
}
