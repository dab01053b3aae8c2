package org.sparsevit4j.supernet.data;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.sparsevit4j.core.InvalidInputException;

/**
 * Batches of one split, decoded in parallel ahead of the consumer.
 *
 * <p><b>Train</b> ({@link #train}): an endless stream of steps. Step {@code k} is batch
 * {@code k mod E} of epoch {@code k / E}, {@code E = floor(N / batchSize)} (the last partial batch
 * of an epoch is dropped, so every step has a full batch); an epoch's order is a permutation of
 * the split seeded by (seed, epoch), and sample {@code i}'s augmentation seed is derived from
 * (seed, epoch, i). Step {@code k} is therefore the same batch whatever the start step, the
 * thread count or the timing, and a resumed run continues the identical stream.
 *
 * <p><b>Eval</b> ({@link #eval}): one pass in index order, unaugmented, the last batch short if
 * the split does not divide evenly.
 *
 * <p>Decoding runs on {@code threads} daemon worker threads (0: in the consumer's thread, no
 * prefetch); at most {@code max(2, ceil(2 · threads / batchSize))} batches are decoded ahead, so
 * memory stays bounded. Each sample is written into its slot of a preallocated batch, so the result
 * cannot depend on which worker finishes first. A failure while decoding (an
 * {@link InvalidInputException} naming the file, say) is rethrown to the consumer as the same
 * exception, at the batch that holds the failing sample, and every later call rethrows it. {@link
 * #close()} stops the workers and waits for them. One consumer thread only.
 */
public final class BatchLoader implements AutoCloseable, Iterable<Batch> {

    /** Worker threads are named with this prefix, the loader's number and their own. */
    public static final String THREAD_NAME_PREFIX = "sparsevit-data-";

    private static final AtomicInteger LOADERS = new AtomicInteger();
    private static final long CLOSE_WAIT_SECONDS = 30;

    private final SampleSource source;
    private final Split split;
    private final Transform transform;
    private final int batchSize;
    private final boolean train;
    private final long seed;
    private final int splitSize;
    private final long stepsPerEpoch;
    private final long endStep;
    private final int depth;
    private final ThreadPoolExecutor executor;
    private final ArrayDeque<Pending> window = new ArrayDeque<>();
    private long nextToSubmit;
    private long nextToTake;
    private long cachedEpoch = -1;
    private int[] cachedOrder;
    private RuntimeException failure;
    private boolean closed;
    private boolean iterated;

    /** A batch being decoded: its arrays and one future per sample slot. */
    private record Pending(long step, int[] indices, float[] images, int[] labels, int[] masks,
            NativeMask[] nativeMasks, CompletableFuture<?>[] slots) {
    }

    private BatchLoader(SampleSource source, Split split, Transform transform, int batchSize, boolean train,
            long seed, int threads, long startStep) {
        this.source = Objects.requireNonNull(source, "source");
        this.split = Objects.requireNonNull(split, "split");
        this.transform = Objects.requireNonNull(transform, "transform");
        if (batchSize < 1) {
            throw new InvalidInputException("batch size " + batchSize + " must be at least 1");
        }
        if (threads < 0) {
            throw new InvalidInputException("data threads " + threads + " must be >= 0 (0 decodes in the caller)");
        }
        if (startStep < 0) {
            throw new InvalidInputException("start step " + startStep + " must be >= 0");
        }
        this.batchSize = batchSize;
        this.train = train;
        this.seed = seed;
        this.splitSize = source.size(split);
        String splitName = split.name().toLowerCase(Locale.ROOT);
        if (train) {
            if (splitSize < batchSize) {
                throw new InvalidInputException("the " + splitName + " split of " + source.describe() + " has "
                        + splitSize + " samples, fewer than one batch of " + batchSize);
            }
            this.stepsPerEpoch = splitSize / batchSize;
            this.endStep = Long.MAX_VALUE;
        } else {
            if (transform.train()) {
                throw new InvalidInputException("an eval loader takes an eval transform (no jitter, crop or flip)");
            }
            if (splitSize == 0) {
                throw new InvalidInputException("the " + splitName + " split of " + source.describe() + " is empty");
            }
            this.stepsPerEpoch = (splitSize + batchSize - 1) / batchSize;
            this.endStep = stepsPerEpoch;
        }
        this.nextToSubmit = startStep;
        this.nextToTake = startStep;
        if (threads == 0) {
            this.executor = null;
            this.depth = 0;
        } else {
            String prefix = THREAD_NAME_PREFIX + LOADERS.incrementAndGet() + "-";
            AtomicInteger count = new AtomicInteger();
            this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    task -> {
                        Thread t = new Thread(task, prefix + count.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            this.depth = Math.max(2, (2 * threads + batchSize - 1) / batchSize);
            topUp();
        }
    }

    /**
     * An endless stream of training batches of {@link Split#TRAIN}, starting at {@code startStep}
     * (0 for a fresh run, the next step for a resumed one).
     */
    public static BatchLoader train(SampleSource source, Transform transform, int batchSize, long seed, int threads,
            long startStep) {
        return train(source, Split.TRAIN, transform, batchSize, seed, threads, startStep);
    }

    /** As {@link #train(SampleSource, Transform, int, long, int, long)}, over any split. */
    public static BatchLoader train(SampleSource source, Split split, Transform transform, int batchSize, long seed,
            int threads, long startStep) {
        return new BatchLoader(source, split, transform, batchSize, true, seed, threads, startStep);
    }

    /** One in-order, unaugmented pass over {@code split}; {@code transform} must be an eval transform. */
    public static BatchLoader eval(SampleSource source, Split split, Transform transform, int batchSize, int threads) {
        return new BatchLoader(source, split, transform, batchSize, false, 0L, threads, 0L);
    }

    /** Train: full batches per epoch, {@code floor(N / batchSize)}. Eval: batches in the pass. */
    public long stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** The step (train) or batch number (eval) the next batch has. */
    public long nextStep() {
        return nextToTake;
    }

    /** Whether another batch follows: always for train, until the pass ends for eval. */
    public boolean hasNext() {
        return !closed && failure == null && nextToTake < endStep;
    }

    /** The next batch; waits for its decoding to finish. */
    public Batch next() {
        if (closed) {
            throw new IllegalStateException("the batch loader is closed");
        }
        if (failure != null) {
            throw failure;
        }
        if (nextToTake >= endStep) {
            throw new NoSuchElementException("the eval pass over " + stepsPerEpoch + " batches is complete");
        }
        Pending pending;
        if (executor == null) {
            pending = prepare(nextToTake);
            try {
                for (int slot = 0; slot < pending.indices.length; slot++) {
                    runSlot(pending, slot);
                }
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        } else {
            pending = window.poll();
            topUp();
            awaitSlots(pending);
        }
        nextToTake++;
        return new Batch(pending.images, pending.labels, pending.masks, pending.indices.length, transform.height(),
                transform.width(), pending.indices, pending.nativeMasks == null ? null : List.of(pending.nativeMasks));
    }

    /** The batches, once: a loader is a stream, not a collection. */
    @Override
    public Iterator<Batch> iterator() {
        if (iterated) {
            throw new IllegalStateException("a batch loader is iterated once; open a new one for another pass");
        }
        iterated = true;
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return BatchLoader.this.hasNext();
            }

            @Override
            public Batch next() {
                return BatchLoader.this.next();
            }
        };
    }

    /** Stops the workers, dropping batches decoded ahead, and waits for them to exit. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        window.clear();
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void topUp() {
        while (window.size() < depth && nextToSubmit < endStep) {
            Pending pending = prepare(nextToSubmit++);
            for (int slot = 0; slot < pending.indices.length; slot++) {
                int s = slot;
                pending.slots[slot] = CompletableFuture.runAsync(() -> runSlot(pending, s), executor);
            }
            window.add(pending);
        }
    }

    /** Allocates the batch of {@code step} and fixes its samples. */
    private Pending prepare(long step) {
        int[] indices;
        if (train) {
            long epoch = step / stepsPerEpoch;
            int position = (int) (step % stepsPerEpoch);
            indices = Arrays.copyOfRange(order(epoch), position * batchSize, (position + 1) * batchSize);
        } else {
            int first = (int) (step * batchSize);
            int last = Math.min(splitSize, first + batchSize);
            indices = new int[last - first];
            for (int i = 0; i < indices.length; i++) {
                indices[i] = first + i;
            }
        }
        int n = indices.length;
        int plane = transform.height() * transform.width();
        boolean segmentation = source.task() == Task.SEGMENTATION;
        return new Pending(step, indices, new float[n * 3 * plane], segmentation ? null : new int[n],
                segmentation ? new int[n * plane] : null, segmentation && !train ? new NativeMask[n] : null,
                new CompletableFuture<?>[n]);
    }

    private int[] order(long epoch) {
        if (epoch != cachedEpoch) {
            cachedOrder = SeededPermutation.of(splitSize, Seeds.derive(seed, Seeds.EPOCH_ORDER, epoch));
            cachedEpoch = epoch;
        }
        return cachedOrder;
    }

    /** Decodes one sample into its slot; runs on a worker, or on the consumer without workers. */
    private void runSlot(Pending pending, int slot) {
        int index = pending.indices[slot];
        long augmentSeed = train ? Seeds.derive(seed, Seeds.AUGMENT, pending.step / stepsPerEpoch, index) : 0L;
        Sample sample = source.load(split, index, transform, augmentSeed);
        if (sample.height() != transform.height() || sample.width() != transform.width()
                || sample.task() != source.task()) {
            throw new IllegalStateException(source.describe() + " returned a " + sample.task() + " sample of "
                    + sample.height() + "x" + sample.width() + " for a " + source.task() + " transform of "
                    + transform.height() + "x" + transform.width());
        }
        int plane = transform.height() * transform.width();
        System.arraycopy(sample.image(), 0, pending.images, slot * 3 * plane, 3 * plane);
        if (pending.labels != null) {
            pending.labels[slot] = sample.label();
        } else {
            System.arraycopy(sample.mask(), 0, pending.masks, slot * plane, plane);
        }
        if (pending.nativeMasks != null) {
            if (sample.nativeMask() == null) {
                throw new IllegalStateException(source.describe() + " returned an eval sample without its native mask");
            }
            pending.nativeMasks[slot] = sample.nativeMask();
        }
    }

    /** Waits for every slot; the first failing slot's exception is rethrown as it is. */
    private void awaitSlots(Pending pending) {
        for (CompletableFuture<?> slot : pending.slots) {
            try {
                slot.get();
            } catch (ExecutionException e) {
                failure = asRuntime(e.getCause());
                window.clear();
                throw failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for a batch");
            }
        }
    }

    private static RuntimeException asRuntime(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("decoding failed: " + cause, cause);
    }
}
