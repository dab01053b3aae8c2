package org.sparsevit4j.supernet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.core.InvalidInputException;

class BatchLoaderTest {

    /** 64x64 scenes; train pool 40 = train 36 + search 4; val 10. */
    private static final DatasetOptions OPTIONS = DatasetOptions.defaults().withSyntheticSize(64, 64)
            .withSyntheticTrain(40).withSyntheticVal(10);
    private static final SampleSource SEGMENTATION = Datasets.synthetic(Task.SEGMENTATION, OPTIONS);
    private static final SampleSource CLASSIFICATION = Datasets.synthetic(Task.CLASSIFICATION, OPTIONS);
    private static final Transform TRAIN = Transform.train(48, 48);
    private static final Transform EVAL = Transform.eval(48, 48);
    private static final int BATCH = 8;

    @AfterEach
    void noWorkerOutlivesItsLoader() throws InterruptedException {
        for (Thread t : workers()) {
            t.join(5_000);
            assertFalse(t.isAlive(), t.getName() + " is still running after its loader was closed");
        }
    }

    private static List<Thread> workers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(BatchLoader.THREAD_NAME_PREFIX)).toList();
    }

    private static List<Batch> take(BatchLoader loader, int count) {
        List<Batch> batches = new ArrayList<>();
        Iterator<Batch> it = loader.iterator();
        for (int i = 0; i < count; i++) {
            batches.add(it.next());
        }
        return batches;
    }

    private static List<Batch> trainSteps(SampleSource source, int threads, long start, int count) {
        try (BatchLoader loader = BatchLoader.train(source, TRAIN, BATCH, 77L, threads, start)) {
            return take(loader, count);
        }
    }

    private static void assertSameBatches(List<Batch> expected, List<Batch> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            Batch a = expected.get(i);
            Batch b = actual.get(i);
            assertArrayEquals(a.indices(), b.indices(), "batch " + i);
            assertArrayEquals(a.images(), b.images(), "batch " + i);
            assertArrayEquals(a.masks(), b.masks(), "batch " + i);
            assertArrayEquals(a.labels(), b.labels(), "batch " + i);
        }
    }

    @Test
    void batchesDoNotDependOnTheThreadCount() {
        List<Batch> inline = trainSteps(SEGMENTATION, 0, 0, 6);
        assertSameBatches(inline, trainSteps(SEGMENTATION, 1, 0, 6));
        assertSameBatches(inline, trainSteps(SEGMENTATION, 3, 0, 6));
        for (SampleSource source : List.of(SEGMENTATION, CLASSIFICATION)) {
            List<List<Batch>> passes = new ArrayList<>();
            for (int threads : new int[] {0, 2, 5}) {
                try (BatchLoader loader = BatchLoader.eval(source, Split.VAL, EVAL, 4, threads)) {
                    List<Batch> pass = new ArrayList<>();
                    loader.forEach(pass::add);
                    passes.add(pass);
                }
            }
            assertSameBatches(passes.get(0), passes.get(1));
            assertSameBatches(passes.get(0), passes.get(2));
        }
    }

    @Test
    void aResumedStreamRepeatsTheSameStepsAcrossEpochs() {
        // 36 train samples in batches of 8: 4 steps per epoch, so steps 0..10 span three epochs.
        List<Batch> fromStart = trainSteps(SEGMENTATION, 2, 0, 11);
        assertSameBatches(fromStart.subList(6, 11), trainSteps(SEGMENTATION, 2, 6, 5));
        try (BatchLoader loader = BatchLoader.train(SEGMENTATION, TRAIN, BATCH, 77L, 2, 6)) {
            assertEquals(4, loader.stepsPerEpoch());
            assertEquals(6, loader.nextStep());
            loader.next();
            assertEquals(7, loader.nextStep());
        }
    }

    @Test
    void eachEpochIsAFreshPermutationWithItsLastPartialBatchDropped() {
        List<Batch> steps = trainSteps(CLASSIFICATION, 2, 0, 12);
        List<int[]> orders = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            Set<Integer> seen = new HashSet<>();
            int[] order = new int[32];
            for (int s = 0; s < 4; s++) {
                Batch b = steps.get(4 * e + s);
                assertEquals(BATCH, b.size());
                assertNull(b.masks());
                for (int k = 0; k < BATCH; k++) {
                    assertTrue(seen.add(b.indices()[k]), "index " + b.indices()[k] + " twice in epoch " + e);
                    assertTrue(b.labels()[k] >= 0 && b.labels()[k] < 6);
                    order[8 * s + k] = b.indices()[k];
                }
            }
            assertEquals(32, seen.size(), "4 of the 36 samples sit out each epoch");
            orders.add(order);
        }
        assertFalse(Arrays.equals(orders.get(0), orders.get(1)), "epochs are shuffled differently");
        // a sample met again in the next epoch is augmented differently
        int compared = 0;
        int stride = steps.get(0).imageStride();
        for (int s = 0; s < 4; s++) {
            for (int k = 0; k < BATCH; k++) {
                for (int t = 4; t < 8; t++) {
                    for (int j = 0; j < BATCH; j++) {
                        if (steps.get(s).indices()[k] == steps.get(t).indices()[j]) {
                            compared++;
                            assertFalse(Arrays.equals(
                                    Arrays.copyOfRange(steps.get(s).images(), k * stride, (k + 1) * stride),
                                    Arrays.copyOfRange(steps.get(t).images(), j * stride, (j + 1) * stride)));
                        }
                    }
                }
            }
        }
        assertTrue(compared >= 28, compared + " samples were in both epochs");
    }

    @Test
    void anEvalPassIsInOrderUnaugmentedAndKeepsTheLastPartialBatch() {
        try (BatchLoader loader = BatchLoader.eval(SEGMENTATION, Split.VAL, EVAL, 4, 2)) {
            assertEquals(3, loader.stepsPerEpoch());
            List<Batch> pass = new ArrayList<>();
            loader.forEach(pass::add);
            assertEquals(List.of(4, 4, 2), pass.stream().map(Batch::size).toList());
            int next = 0;
            for (Batch b : pass) {
                assertNull(b.labels());
                assertEquals(b.size() * 48 * 48, b.masks().length);
                for (int k = 0; k < b.size(); k++) {
                    assertEquals(next, b.indices()[k]);
                    Sample direct = SEGMENTATION.load(Split.VAL, next, EVAL, 0);
                    int stride = b.imageStride();
                    assertArrayEquals(direct.image(), Arrays.copyOfRange(b.images(), k * stride, (k + 1) * stride));
                    next++;
                }
            }
            assertEquals(10, next);
            assertFalse(loader.hasNext());
            assertThrows(NoSuchElementException.class, loader::next);
        }
    }

    @Test
    void anEvalPassCarriesEachTargetAtItsLabelFilesResolution(@TempDir Path dir) {
        SampleSource ade = new Ade20kDataset(DatasetTrees.ade20k(dir), DatasetOptions.defaults());
        try (BatchLoader loader = BatchLoader.eval(ade, Split.VAL, Transform.eval(32, 32), 2, 1)) {
            Batch batch = loader.next();
            assertEquals(2 * 32 * 32, batch.masks().length);
            // the two validation images are 60x30 and 64x32 (DatasetTrees): the targets keep those sizes
            assertEquals(List.of(30, 32), batch.nativeMasks().stream().map(NativeMask::height).toList());
            assertEquals(List.of(60, 64), batch.nativeMasks().stream().map(NativeMask::width).toList());
            assertEquals(batch.bytes() - 60 * 30 - 64 * 32, 4L * (2 * 3 * 32 * 32 + 2 * 32 * 32 + 2));
        }
        try (BatchLoader loader = BatchLoader.train(ade, Transform.train(32, 32), 2, 1L, 0, 0)) {
            assertNull(loader.next().nativeMasks(), "training has no use for them");
        }
        try (BatchLoader loader = BatchLoader.eval(CLASSIFICATION, Split.VAL, EVAL, 2, 0)) {
            assertNull(loader.next().nativeMasks());
        }
    }

    /** A source whose sample {@code badIndex} fails like a corrupt file. */
    private static final class FailingSource extends ForwardingSource {
        final InvalidInputException failure = new InvalidInputException("/data/train/cat/broken.png: corrupt image data");
        final int badIndex;

        FailingSource(int badIndex) {
            super(SEGMENTATION);
            this.badIndex = badIndex;
        }

        @Override
        public Sample load(Split split, int index, Transform transform, long augmentSeed) {
            if (index == badIndex) {
                throw failure;
            }
            return super.load(split, index, transform, augmentSeed);
        }

        @Override
        public String identity() {
            return "failing";
        }

        @Override
        public String describe() {
            return "failing source";
        }
    }

    @Test
    void aWorkerFailureReachesTheConsumerAsTheOriginalException() {
        for (int threads : new int[] {0, 3}) {
            FailingSource source = new FailingSource(6);
            try (BatchLoader loader = BatchLoader.eval(source, Split.VAL, EVAL, 4, threads)) {
                assertEquals(4, loader.next().size());
                InvalidInputException e = assertThrows(InvalidInputException.class, loader::next);
                assertSame(source.failure, e, threads + " threads");
                assertSame(source.failure, assertThrows(InvalidInputException.class, loader::next));
                assertFalse(loader.hasNext());
            }
        }
    }

    @Test
    void closeStopsTheWorkersEvenMidStream() {
        BatchLoader loader = BatchLoader.train(SEGMENTATION, TRAIN, BATCH, 1L, 4, 0);
        loader.next();
        assertFalse(workers().isEmpty(), "the loader decodes on its own threads");
        loader.close();
        loader.close();
        assertThrows(IllegalStateException.class, loader::next);
        // the @AfterEach check joins every worker
    }

    @Test
    void aLoaderIsIteratedOnceAndRejectsImpossibleSettings() {
        try (BatchLoader loader = BatchLoader.eval(SEGMENTATION, Split.VAL, EVAL, 4, 0)) {
            loader.iterator();
            assertThrows(IllegalStateException.class, loader::iterator);
        }
        TestImages.assertInvalid(() -> BatchLoader.eval(SEGMENTATION, Split.VAL, TRAIN, 4, 0), "eval transform");
        TestImages.assertInvalid(() -> BatchLoader.train(SEGMENTATION, TRAIN, 37, 0L, 0, 0), "36 samples", "37");
        TestImages.assertInvalid(() -> BatchLoader.train(SEGMENTATION, TRAIN, 0, 0L, 0, 0), "batch size 0");
        TestImages.assertInvalid(() -> BatchLoader.train(SEGMENTATION, TRAIN, 4, 0L, -1, 0), "threads -1");
        TestImages.assertInvalid(() -> BatchLoader.train(SEGMENTATION, TRAIN, 4, 0L, 1, -2), "start step -2");
        SampleSource noSearch = Datasets.synthetic(Task.SEGMENTATION, OPTIONS.withSearchFraction(0));
        TestImages.assertInvalid(() -> BatchLoader.eval(noSearch, Split.SEARCH, EVAL, 4, 0), "search split", "empty");
    }
}
