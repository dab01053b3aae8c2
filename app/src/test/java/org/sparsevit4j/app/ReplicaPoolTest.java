package org.sparsevit4j.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.StopRequestedException;
import org.sparsevit4j.core.MachineFailureException;
import org.sparsevit4j.core.RandomGenomes;
import org.sparsevit4j.core.SparsityCodec;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.GeneLayout;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.evaluator.EvaluationResult;

/** The pool's contract: results in the order given, failures retried elsewhere, nothing running after a call. */
class ReplicaPoolTest {

    private static final ArchitectureSpec ARCH = ArchitectureSpec.preset("swin_t");

    private final AtomicInteger running = new AtomicInteger();
    private final List<String> warnings = new ArrayList<>();

    /** {@code n} different configurations drawn with {@code seed}. */
    static List<SparsityConfig> configs(int n, long seed) {
        SparsityCodec codec = new SparsityCodec(new GeneLayout(ARCH, Granularity.PAIR));
        SplittableRandom rng = new SplittableRandom(seed);
        List<SparsityConfig> out = new ArrayList<>();
        while (out.size() < n) {
            SparsityConfig c = RandomGenomes.config(codec, rng);
            if (!out.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    private static List<Double> metrics(List<EvaluationResult> results) {
        return results.stream().map(EvaluationResult::metric).toList();
    }

    private static List<Double> expected(List<SparsityConfig> configs) {
        return configs.stream().map(FakeReplica::metric).toList();
    }

    @Test
    void resultsComeInTheOrderGivenWhicheverReplicaFinishesFirst() {
        List<SparsityConfig> configs = configs(30, 1);
        // different speeds, so replicas finish out of order and take different shares
        List<FakeReplica> replicas = List.of(FakeReplica.healthy("a", 1, running), FakeReplica.healthy("b", 3, running),
                FakeReplica.healthy("c", 0, running));
        try (ReplicaPool pool = new ReplicaPool(replicas, warnings::add)) {
            List<String> observedOn = new ArrayList<>();
            List<EvaluationResult> results = pool.evaluateAll(configs,
                    r -> observedOn.add(Thread.currentThread().getName()));
            assertEquals(expected(configs), metrics(results));
            for (int i = 0; i < configs.size(); i++) {
                assertSame(configs.get(i), results.get(i).config(), "result " + i + " placed by index");
            }
            for (FakeReplica r : replicas) {
                assertTrue(r.calls.get() > 0, r.name() + " evaluated nothing");
                assertEquals("sparsevit-replica-" + r.name(), r.thread, "each replica on its own thread");
            }
            assertEquals(30, replicas.stream().mapToInt(r -> r.calls.get()).sum(), "each configuration once");
            assertEquals(List.of(Thread.currentThread().getName()), observedOn.stream().distinct().toList(),
                    "the observer runs on the caller's thread");
            assertEquals(0, running.get());
            assertEquals(List.of(), warnings);
        }
    }

    @Test
    void aConfigurationListedTwiceIsEvaluatedOnce() {
        List<SparsityConfig> three = configs(3, 2);
        List<SparsityConfig> configs = List.of(three.get(0), three.get(1), three.get(0), three.get(2), three.get(1));
        FakeReplica only = FakeReplica.healthy("a", 0, running);
        try (ReplicaPool pool = new ReplicaPool(List.of(only), warnings::add)) {
            assertEquals(expected(configs), metrics(pool.evaluateAll(configs, r -> { })));
            assertEquals(3, only.calls.get());
        }
    }

    @Test
    void aReplicaFailingMidGenerationHasItsWorkRetriedElsewhere() {
        List<SparsityConfig> configs = configs(20, 3);
        FakeReplica healthy = FakeReplica.healthy("cpu#0", 2, running);
        FakeReplica failing = new FakeReplica("cpu#1", 2, call -> call == 3,
                new IllegalStateException("native error: device lost"), running);
        try (ReplicaPool pool = new ReplicaPool(List.of(healthy, failing), warnings::add)) {
            assertEquals(expected(configs), metrics(pool.evaluateAll(configs, r -> { })));
            assertEquals(3, failing.calls.get(), "retired after its failure");
            assertEquals(20 - 2, healthy.calls.get(), "the rest, the failed configuration included");
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("cpu#1") && warnings.get(0).contains("device lost")
                    && warnings.get(0).contains("1 left"), warnings.get(0));
            assertEquals(1, pool.liveReplicas());

            List<SparsityConfig> next = configs(5, 4);
            assertEquals(expected(next), metrics(pool.evaluateAll(next, r -> { })));
            assertEquals(3, failing.calls.get(), "a retired replica gets no more work");
        }
    }

    @Test
    void whenEveryReplicaFailsTheEvaluationFailsNamingEach() {
        FakeReplica a = new FakeReplica("gpu:0", 0, call -> true, new IllegalStateException("CUDA out of memory"),
                running);
        FakeReplica b = new FakeReplica("gpu:1", 0, call -> call >= 2, new IllegalStateException("device lost"),
                running);
        try (ReplicaPool pool = new ReplicaPool(List.of(a, b), warnings::add)) {
            MachineFailureException e = assertThrows(MachineFailureException.class,
                    () -> pool.evaluateAll(configs(6, 5), r -> { }));
            assertTrue(e.getMessage().contains("gpu:0") && e.getMessage().contains("CUDA out of memory")
                    && e.getMessage().contains("gpu:1") && e.getMessage().contains("device lost"), e.getMessage());
            assertEquals(0, pool.liveReplicas());
            assertEquals(0, running.get());
        }
    }

    /** What fails a call on every replica alike: bad input, and a stop asked for by a signal. */
    static List<RuntimeException> notTheReplicasFault() {
        return List.of(new InvalidInputException("configuration for another architecture"),
                new StopRequestedException("stopped on request (SIGINT or SIGTERM) before the next pass"));
    }

    @ParameterizedTest
    @MethodSource("notTheReplicasFault")
    void badInputOrAStopFailsTheCallWithoutRetiringAReplicaAndNothingRunsAfterIt(RuntimeException thrown) {
        FakeReplica slow = FakeReplica.healthy("cpu#0", 40, running);
        FakeReplica refusing = new FakeReplica("cpu#1", 0, call -> call == 1, thrown, running);
        try (ReplicaPool pool = new ReplicaPool(List.of(slow, refusing), warnings::add)) {
            RuntimeException e = assertThrows(thrown.getClass(), () -> pool.evaluateAll(configs(4, 6), r -> { }));
            assertEquals(thrown.getMessage(), e.getMessage());
            assertEquals(0, running.get(), "the slow replica's evaluation was awaited before the call ended");
            assertEquals(2, pool.liveReplicas());
            assertEquals(List.of(), warnings);
            List<SparsityConfig> next = configs(4, 7);
            assertEquals(expected(next), metrics(pool.evaluateAll(next, r -> { })), "both replicas still serve");
        }
    }
}
