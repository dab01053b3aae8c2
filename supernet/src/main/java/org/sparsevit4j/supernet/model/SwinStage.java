package org.sparsevit4j.supernet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;
import org.sparsevit4j.core.WindowGrid;

/**
 * One stage of a Swin Transformer: its blocks (regular, shifted, regular, …) with window
 * activation pruning.
 *
 * <p>The semantics are ARCHITECTURE.md's: importance is computed once, at the input of the first
 * block whose ratio is above 0 (mean |x| over channels per token, padding 0, L2 over a window's
 * tokens); each parity ranks its windows once (regular windows of that map, and windows of the
 * map rolled as the shifted blocks roll it); a block of level k keeps the first
 * {@code floor(nW·(10−k)/10)} windows of its parity's ranking per image, so kept sets are nested;
 * pruned windows pass through unchanged.
 *
 * <p>The stage enters its window layout once and leaves it once (see {@link WindowLayout}), or not at
 * all when the next stage's patch merging reads the windows directly ({@link PatchMerging#applyWindows});
 * a block gathers the windows it keeps and scatters its result back in place. In training the
 * scatter writes into a copy that autograd tracks, so gradients reach both the kept windows
 * (through the block) and the pruned ones (through the identity).
 *
 * <p>Shapes: input and output {@code (B, H, W, C)}; state {@code (B, nW, N, C)}.
 */
public final class SwinStage extends CompositeBlock {

    private final int index;
    private final List<SwinBlock> blocks;

    /**
     * @param index stage index, for names and the MAC recorder
     * @param depth number of blocks
     * @param dim channels
     * @param heads attention heads
     * @param window window side
     * @param mlpHidden MLP hidden width
     */
    public SwinStage(int index, int depth, int dim, int heads, int window, int mlpHidden) {
        this.index = index;
        List<SwinBlock> list = new ArrayList<>(depth);
        for (int j = 0; j < depth; j++) {
            list.add(addChildBlock("block" + j, new SwinBlock(dim, heads, window, mlpHidden, j % 2 == 1,
                    "block " + index + "." + j)));
        }
        blocks = Collections.unmodifiableList(list);
    }

    /**
     * Takes a map into this stage's window layout: {@code (B, H, W, C)} → {@code (B, nW, N, C)} in
     * regular window order, padding tokens zero.
     */
    public NDArray enter(NDArray x, WindowLayout layout, ForwardObserver observer) {
        Shape shape = x.getShape();
        long b = shape.get(0);
        long c = shape.get(3);
        NDArray flat = x.reshape(b, (long) layout.height() * layout.width(), c);
        if (layout.padded()) {
            flat = flat.concat(x.getManager().zeros(new Shape(b, 1, c), x.getDataType()), 1);
        }
        NDArray state = flat.get(new NDIndex(":, {}", layout.entry()))
                .reshape(b, layout.numWindows(), layout.tokensPerWindow(), c);
        if (observer != null) {
            observer.partDone("stage " + index + " entry", state);
        }
        return state;
    }

    /** Takes the window layout back to a map: {@code (B, nW, N, C)} → {@code (B, H, W, C)}. */
    public NDArray exit(NDArray state, WindowLayout layout, ForwardObserver observer) {
        Shape shape = state.getShape();
        long b = shape.get(0);
        long c = shape.get(3);
        NDArray out = state.reshape(b, (long) layout.numWindows() * layout.tokensPerWindow(), c)
                .get(new NDIndex(":, {}", layout.exit()))
                .reshape(b, layout.height(), layout.width(), c);
        if (observer != null) {
            observer.partDone("stage " + index + " exit", out);
        }
        return out;
    }

    /**
     * Runs the blocks on windows; the state stays in the window layout.
     *
     * @param state {@code (B, nW, N, C)} in {@code layout}
     * @param levels the pruning level (ratio × 10) of each block, non-decreasing
     * @return {@code (B, nW, N, C)}, attached to the state's manager
     */
    public NDArray run(ParameterStore ps, NDArray state, int[] levels, WindowLayout layout, WindowLayouts layouts,
            boolean training, MacRecorder recorder, ForwardObserver observer) {
        if (levels.length != blocks.size()) {
            throw new IllegalArgumentException("stage " + index + " has " + blocks.size() + " blocks, got "
                    + levels.length + " levels");
        }
        int b = Math.toIntExact(state.getShape().get(0));
        try (NDManager scope = NDManager.subManagerOf(state)) {
            scope.tempAttachAll(state);
            // index arrays that the backward pass reads after this scope has closed (see OwnedArrays)
            NDArray batch = OwnedArrays.longs(scope, LongStream.range(0, b).toArray(), new Shape(b, 1));
            long[] relative = layouts.relativeIndex();
            NDArray relativeIndex = OwnedArrays.longs(scope, relative, new Shape(relative.length));
            Ranking ranking = null;
            for (int j = 0; j < blocks.size(); j++) {
                if (levels[j] > 0 && ranking == null) {
                    ranking = rank(state, layout);
                    if (observer != null) {
                        observer.partDone("rank " + index, ranking.shifted);
                    }
                }
                try (NDManager blockScope = NDManager.subManagerOf(state)) {
                    blockScope.tempAttachAll(state);
                    NDArray next = runBlock(ps, j, state, levels[j], ranking, layout, relativeIndex, batch,
                            blockScope, training, recorder, observer);
                    state = next == state ? state : blockScope.ret(next);
                }
                if (observer != null) {
                    observer.partDone("block " + index + "." + j, state);
                }
            }
            return scope.ret(state);
        }
    }

    private NDArray runBlock(ParameterStore ps, int j, NDArray state, int level, Ranking ranking,
            WindowLayout layout, NDArray relativeIndex, NDArray batch, NDManager scope, boolean training,
            MacRecorder recorder, ForwardObserver observer) {
        SwinBlock block = blocks.get(j);
        boolean shifted = block.shifted() && layout.shifts();
        PairList<String, Object> pass = PassContext.of(recorder, observer);
        Shape shape = state.getShape();
        long b = shape.get(0);
        long nW = shape.get(1);
        long n = shape.get(2);
        long c = shape.get(3);

        if (level == 0 || ranking == null) {
            if (!shifted) {
                return apply(block, ps, state, pass, layout.validRegular(), relativeIndex, null, training);
            }
            NDArray windows = state.reshape(b, nW * n, c)
                    .get(new NDIndex(":, {}", layout.shiftOrder()))
                    .reshape(b, nW, n, c);
            NDArray out = apply(block, ps, windows, pass, layout.validShifted(), relativeIndex, layout.shiftMask(),
                    training);
            return out.reshape(b, nW * n, c)
                    .get(new NDIndex(":, {}", layout.shiftInverse()))
                    .reshape(b, nW, n, c);
        }

        int kept = WindowGrid.keptWindows(layout.numWindows(), level);
        if (kept == 0) {
            return state; // every window passes through
        }
        NDArray order = (shifted ? ranking.shifted : ranking.regular).get(new NDIndex(":, :{}", kept)); // (B, k)
        if (observer != null) {
            observer.windowsKept(index, j, shifted, layout, order);
        }
        if (!shifted) {
            NDIndex where = new NDIndex("{}, {}", batch, order);
            NDArray windows = state.get(where);                                         // (B, k, N, C)
            NDArray valid = layout.padded() ? rows(layout.validRegular(), order, scope) : null;
            NDArray out = apply(block, ps, windows, pass, valid, relativeIndex, null, training);
            return scatter(state, where, out, training);
        }
        NDArray tokens = rows(layout.shiftOrderByWindow(), order, scope);               // (B, k, N)
        NDIndex where = new NDIndex("{}, {}", batch.reshape(b, 1, 1), tokens);
        NDArray flat = state.reshape(b, nW * n, c);
        NDArray windows = flat.get(where);                                              // (B, k, N, C)
        NDArray valid = layout.padded() ? rows(layout.validShifted(), order, scope) : null;
        NDArray mask = rows(layout.shiftMask(), order, scope);                          // (B, k, 1, N, N)
        NDArray out = apply(block, ps, windows, pass, valid, relativeIndex, mask, training);
        return scatter(flat, where, out, training).reshape(b, nW, n, c);
    }

    /** Runs {@code block} on {@code windows} through DJL's forward, with the window inputs of its parity. */
    private static NDArray apply(SwinBlock block, ParameterStore ps, NDArray windows, PairList<String, Object> pass,
            NDArray valid, NDArray relativeIndex, NDArray mask, boolean training) {
        PairList<String, Object> params = PassContext.with(pass, PassContext.WINDOWS,
                new PassContext.Windows(valid, relativeIndex, mask));
        return block.forward(ps, new NDList(windows), training, params).singletonOrThrow();
    }

    /**
     * Writes the kept windows back. In inference the state is this stage's own array and is
     * overwritten in place; in training the write goes to a tracked copy ({@code add(0)}, not
     * {@code duplicate()}, which would cut the pass-through windows off the gradient graph).
     */
    private static NDArray scatter(NDArray state, NDIndex where, NDArray values, boolean training) {
        NDArray target = training ? state.add(0) : state;
        target.set(where, values);
        return target;
    }

    /** Rows {@code table[index]} of a cached table, owned by {@code scope} rather than the cache. */
    private static NDArray rows(NDArray table, NDArray index, NDManager scope) {
        NDArray out = table.get(index);
        out.attach(scope);
        return out;
    }

    /** Window rankings of both parities, best first, {@code (B, nW)} int64 each. */
    private record Ranking(NDArray regular, NDArray shifted) {
    }

    private static Ranking rank(NDArray state, WindowLayout layout) {
        Shape shape = state.getShape();
        long b = shape.get(0);
        int nW = layout.numWindows();
        long n = layout.tokensPerWindow();
        NDArray scores = state.stopGradient().abs().mean(new int[] {3});               // (B, nW, N)
        if (layout.padded()) {
            scores = scores.mul(layout.validTokens());
        }
        NDArray regular = descending(scores, nW);
        NDArray shifted = regular;
        if (layout.shifts()) {
            NDArray rolled = scores.reshape(b, nW * n)
                    .get(new NDIndex(":, {}", layout.shiftOrder()))
                    .reshape(b, nW, n);
            shifted = descending(rolled, nW);
        }
        return new Ranking(regular, shifted);
    }

    /** Window indices by descending L2 norm of their token scores. */
    private static NDArray descending(NDArray tokenScores, int nW) {
        NDArray windowScores = tokenScores.norm(2, new int[] {2}, false);               // (B, nW)
        return windowScores.topK(nW, 1, true, true).get(1);
    }

    public List<SwinBlock> blocks() {
        return blocks;
    }

    /**
     * Runs the stage on a map {@code (B, H, W, C)}: {@link #enter}, {@link #run}, {@link #exit}, with
     * the levels of its blocks and the model's layout cache from {@code params}. The backbone calls
     * the three phases itself so that a stage can hand its windows straight to the next stage's
     * patch merging ({@link PatchMerging#applyWindows}) without leaving its layout.
     */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        int[] levels = (int[]) PassContext.required(params, PassContext.LEVELS, "stage " + index);
        WindowLayouts layouts = (WindowLayouts) PassContext.required(params, PassContext.LAYOUTS, "stage " + index);
        MacRecorder recorder = PassContext.recorder(params);
        ForwardObserver observer = PassContext.observer(params);
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape();
        WindowLayout layout = layouts.of(Math.toIntExact(shape.get(1)), Math.toIntExact(shape.get(2)), x.getDevice(),
                x.getDataType());
        try (NDManager scope = NDManager.subManagerOf(x)) {
            scope.tempAttachAll(x);
            NDArray state = enter(x, layout, observer);
            state = run(ps, state, levels, layout, layouts, training, recorder, observer);
            return new NDList(scope.ret(exit(state, layout, observer)));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

}
