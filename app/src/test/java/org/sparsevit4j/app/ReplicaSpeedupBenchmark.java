package org.sparsevit4j.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.supernet.checkpoint.SaaRecipe;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.evaluator.EvaluationResult;
import org.sparsevit4j.profiler.RandomConfigs;
import org.sparsevit4j.supernet.data.Split;
import org.sparsevit4j.supernet.model.Precision;
import org.sparsevit4j.supernet.checkpoint.SegmentationLoss;
import org.sparsevit4j.supernet.train.TrainingListener;

/**
 * A generation's evaluations on two CPU replicas of one intra-op thread each against one replica of
 * one thread: the issue asks for at least 1.6x on this 2-core machine. Also prints the resident size
 * a replica adds. A supernet of {@code SPARSEVIT_BENCH_ARCH} (swin_micro) trained for one step at
 * {@code SPARSEVIT_BENCH_RESOLUTION} (224) on the built-in scenes, 32 search images, batch 8;
 * {@code SPARSEVIT_BENCH_CONFIGS} (16) configurations per generation; the two set-ups alternate
 * {@code SPARSEVIT_BENCH_ROUNDS} (3) times, each round a fresh generation, and the medians are
 * compared, and each round's resident size with one and with two replicas warm. The load average is
 * printed before and after, and the cores each set-up kept busy: Linux schedules each session
 * (autogroup) as one, so while other sessions are busy this process gets about one core whatever
 * its thread count, and the ratio says nothing; there, run it from a shell whose autogroup has been
 * given a higher weight for the minute it takes ({@code echo -15 > /proc/self/autogroup} as root,
 * {@code echo 0} after), and check that one replica keeps one core busy and two keep two. Run with
 * {@code mvn -B -pl app -am test -Dtest=ReplicaSpeedupBenchmark -Dsparsevit.excludedGroups=none
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class ReplicaSpeedupBenchmark {

    @TempDir
    Path dir;

    @Test
    void twoOneThreadReplicasEvaluateAGenerationAtLeast1point6TimesFaster() throws IOException {
        String arch = env("SPARSEVIT_BENCH_ARCH", "swin_micro");
        int side = Integer.parseInt(env("SPARSEVIT_BENCH_RESOLUTION", "224"));
        int perGeneration = Integer.parseInt(env("SPARSEVIT_BENCH_CONFIGS", "16"));
        int rounds = Integer.parseInt(env("SPARSEVIT_BENCH_ROUNDS", "3"));
        Engines.start(1);
        System.out.println("load average before: " + loadAverage());
        DataSpec data = new DataSpec(null, null, null, false, 0.1, 320, 8, null);
        Path supernet = dir.resolve("supernet");
        Trainings.run(new TrainRequest(arch, data, Resolution.square(side), null, supernet, 1, 0, 2, 1e-4, 1e-5, 0, 0.05,
                1.0, 1, 1, 128, 1, SaaRecipe.PAPER, Granularity.PAIR, null, SegmentationLoss.PLAIN),
                new TrainingListener() { });
        List<SparsityConfig> all = RandomConfigs.draw(ArchitectureSpec.preset(arch), 2 + rounds * perGeneration, 2026);

        double[] one = new double[rounds];
        double[] two = new double[rounds];
        double[] oneCores = new double[rounds];
        double[] twoCores = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            // resident sizes within the round: what was freed before it may stay mapped (malloc's arenas)
            long before = residentBytes();
            long oneReplica;
            long twoReplicas;
            List<SparsityConfig> generation = all.subList(2 + round * perGeneration, 2 + (round + 1) * perGeneration);
            List<Double> single;
            try (EvaluationDevices devices = open(supernet, data, new DeviceList("cpu", 1))) {
                devices.evaluateAll(all.subList(0, 2), r -> { }); // decodes the split, warms the replica up
                oneReplica = residentBytes();
                long start = System.nanoTime();
                double cpu = cpuSeconds();
                single = metrics(devices.evaluateAll(generation, r -> { }));
                one[round] = (System.nanoTime() - start) / 1e9;
                oneCores[round] = (cpuSeconds() - cpu) / one[round];
            }
            try (EvaluationDevices devices = open(supernet, data, new DeviceList("cpu*2", 1))) {
                devices.evaluateAll(all.subList(0, 2), r -> { }); // one each: both replicas decode and warm up
                twoReplicas = residentBytes();
                long start = System.nanoTime();
                double cpu = cpuSeconds();
                List<Double> pooled = metrics(devices.evaluateAll(generation, r -> { }));
                two[round] = (System.nanoTime() - start) / 1e9;
                twoCores[round] = (cpuSeconds() - cpu) / two[round];
                assertEquals(single, pooled, "two replicas give the metrics of one");
            }
            System.out.printf(Locale.ROOT, "round %d: %d configurations, 1 replica x 1 thread %.2f s (%.2f cores busy), "
                    + "2 replicas x 1 thread %.2f s (%.2f cores busy): %.2fx%n", round + 1, perGeneration, one[round],
                    oneCores[round], two[round], twoCores[round], one[round] / two[round]);
            System.out.printf(Locale.ROOT, "round %d resident: %.0f MB before, %.0f MB with 1 replica (+%.0f), %.0f MB "
                    + "with 2 (+%.0f; the second replica +%.0f MB)%n", round + 1, before / 1e6, oneReplica / 1e6,
                    (oneReplica - before) / 1e6, twoReplicas / 1e6, (twoReplicas - before) / 1e6,
                    (twoReplicas - oneReplica) / 1e6);
        }
        double speedup = median(one) / median(two);
        System.out.printf(Locale.ROOT, "%s at %dx%d, 32 search images, batch 8: median 1 replica %.2f s, 2 replicas "
                + "%.2f s per generation of %d: %.2fx%n", arch, side, side, median(one), median(two), perGeneration,
                speedup);
        System.out.println("load average after: " + loadAverage());
        assertTrue(speedup >= 1.6, String.format(Locale.ROOT, "two replicas %.2fx one, under 1.6x", speedup));
    }

    private static EvaluationDevices open(Path supernet, DataSpec data, DeviceList devices) {
        return EvaluationDevices.open(supernet, data, Split.SEARCH, null, 8, 1, new CacheSpec(null, true),
                Precision.F32, devices, Progress.SILENT);
    }

    private static List<Double> metrics(List<EvaluationResult> results) {
        return results.stream().map(EvaluationResult::metric).toList();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** This process's resident set ({@code VmRSS}). */
    static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    /** CPU time of this process so far, user and system ({@code /proc/self/stat}, 100 ticks a second). */
    private static double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    private static String loadAverage() throws IOException {
        List<String> fields = new ArrayList<>(List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")));
        return String.join(" ", fields.subList(0, 3)) + " (1, 5, 15 min) on " + Runtime.getRuntime().availableProcessors()
                + " cores";
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
