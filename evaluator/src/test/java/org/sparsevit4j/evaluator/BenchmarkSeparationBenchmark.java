package org.sparsevit4j.evaluator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.supernet.checkpoint.SaaRecipe;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.GeneLayout;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.core.MacCounter;
import org.sparsevit4j.core.RandomGenomes;
import org.sparsevit4j.core.SparsityCodec;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SplitMix64;
import org.sparsevit4j.supernet.data.Sample;
import org.sparsevit4j.supernet.data.SampleSource;
import org.sparsevit4j.supernet.data.Datasets;
import org.sparsevit4j.supernet.data.ForwardingSource;
import org.sparsevit4j.supernet.data.Split;
import org.sparsevit4j.supernet.data.Transform;
import org.sparsevit4j.supernet.checkpoint.LoadedModel;
import org.sparsevit4j.supernet.checkpoint.SegmentationLoss;
import org.sparsevit4j.supernet.train.SupernetTrainer;
import org.sparsevit4j.supernet.checkpoint.TrainSettings;
import org.sparsevit4j.supernet.train.TrainingListener;

/**
 * Does the built-in benchmark separate configurations? On an SAA supernet and a model trained dense
 * with the same steps, data and seed, on val:
 *
 * <ul>
 *   <li>the densely trained model at uniform 0.6 loses at least 10 points of mIoU against itself dense;</li>
 *   <li>the spread (standard deviation) of mIoU over random configurations at 0.5x dense MACs is at least
 *       three times the evaluation noise, measured as the same configuration on two disjoint halves of
 *       val: the noise of the whole split is {@code rms(half A - half B) / 2}.</li>
 * </ul>
 *
 * <p>With {@code SPARSEVIT_BENCH_ABLATION=DIR}, the models of an ablation folder ({@code DIR/supernet},
 * {@code DIR/dense-trained}, e.g. of {@code sparsevit ablate}) are measured; otherwise two are trained here
 * ({@code SPARSEVIT_BENCH_STEPS}, 600 by default: about 10 minutes on 2 cores). Run with
 * {@code mvn -B -pl evaluator -am test -Dtest=BenchmarkSeparationBenchmark -Dsparsevit.excludedGroups=none
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class BenchmarkSeparationBenchmark {

    private static final int RANDOM_CONFIGS = 12;
    private static final double BUDGET = 0.5;

    @TempDir
    Path dir;

    @Test
    void sparsityHasAPriceAndConfigurationsDifferBeyondTheNoise() {
        Path supernet;
        Path denseTrained;
        String given = System.getenv("SPARSEVIT_BENCH_ABLATION");
        if (given != null && !given.isBlank()) {
            supernet = Path.of(given, "supernet");
            denseTrained = Path.of(given, "dense-trained");
        } else {
            long steps = Long.parseLong(System.getenv().getOrDefault("SPARSEVIT_BENCH_STEPS", "600"));
            supernet = train(dir.resolve("supernet"), steps, null);
            denseTrained = train(dir.resolve("dense-trained"), steps, SparsityConfig.dense(
                    ArchitectureSpec.preset("swin_micro")));
        }
        try (NDManager manager = NDManager.newBaseManager(); LoadedModel saa = LoadedModel.load(supernet, manager);
                LoadedModel dense = LoadedModel.load(denseTrained, manager)) {
            TrainSettings trained = saa.meta().orElseThrow().settings();
            SampleSource val = Datasets.synthetic(trained.task(), trained.data());
            ArchitectureSpec arch = saa.spec().arch();
            int h = trained.height();
            int w = trained.width();
            SparsityConfig u0 = SparsityConfig.dense(arch);
            SparsityConfig u6 = SparsityConfig.uniform(arch, 0.6);

            SplitEvaluator denseAll = evaluator(dense, val, h, w, manager);
            double denseDrop = denseAll.evaluate(u0).miou() - denseAll.evaluate(u6).miou();
            SplitEvaluator all = evaluator(saa, val, h, w, manager);
            double saaDrop = all.evaluate(u0).miou() - all.evaluate(u6).miou();

            List<SparsityConfig> configs = randomWithin(arch, h, w);
            SplitEvaluator first = evaluator(saa, new Half(val, 0), h, w, manager);
            SplitEvaluator second = evaluator(saa, new Half(val, 1), h, w, manager);
            double[] metric = new double[configs.size()];
            double squares = 0;
            for (int i = 0; i < configs.size(); i++) {
                metric[i] = all.evaluate(configs.get(i)).miou();
                double d = first.evaluate(configs.get(i)).miou() - second.evaluate(configs.get(i)).miou();
                squares += d * d;
            }
            double noise = Math.sqrt(squares / configs.size()) / 2;
            double spread = std(metric);
            System.out.printf(Locale.ROOT, "benchmark separation (%s, %d val images at %dx%d):%n"
                    + "  trained dense: uniform 0.6 loses %.1f points; SAA supernet: %.1f points%n"
                    + "  %d random configurations within %.1fx MACs: mIoU %.4f to %.4f, std %.4f%n"
                    + "  noise (same configuration on two halves of val): %.4f; spread / noise %.1f%n",
                    supernet, val.size(Split.VAL), h, w, 100 * denseDrop, 100 * saaDrop, configs.size(), BUDGET,
                    min(metric), max(metric), spread, noise, spread / noise);
            assertTrue(denseDrop >= 0.10, "the model trained dense loses only " + 100 * denseDrop + " points at 0.6");
            assertTrue(spread >= 3 * noise, "spread " + spread + " is not three times the noise " + noise);
        }
    }

    private static Path train(Path runDir, long steps, SparsityConfig fixed) {
        TrainSettings s = new TrainSettings("swin_micro", org.sparsevit4j.supernet.data.Task.SEGMENTATION, null, null,
                org.sparsevit4j.supernet.data.DatasetOptions.defaults().withSyntheticTrain(1000), 224, 224, 8, steps, 0,
                1e-3, 1e-5, 50, 0.05, 1.0, 0, (int) steps, SaaRecipe.PAPER, Granularity.PAIR, fixed, null, 128, 1,
                SegmentationLoss.PLAIN);
        SupernetTrainer.train(s, runDir, new TrainingListener() { });
        assertTrue(Files.isDirectory(runDir));
        return runDir;
    }

    private static SplitEvaluator evaluator(LoadedModel model, SampleSource source, int h, int w, NDManager m) {
        return new SplitEvaluator(model, source, Split.VAL, h, w, 16, 1, ResultCache.inMemory(), m,
                SplitEvaluator.DEFAULT_MEMORY_BUDGET);
    }

    /** Random configurations of the search's prior within the budget, drawn from a fixed seed. */
    private static List<SparsityConfig> randomWithin(ArchitectureSpec arch, int h, int w) {
        SparsityCodec codec = new SparsityCodec(new GeneLayout(arch, Granularity.PAIR));
        long dense = MacCounter.count(arch, h, w, SparsityConfig.dense(arch)).backbone();
        SplitMix64 rng = SplitMix64.seeded(2026);
        List<SparsityConfig> out = new ArrayList<>();
        while (out.size() < RANDOM_CONFIGS) {
            SparsityConfig c = RandomGenomes.config(codec, rng);
            if (MacCounter.count(arch, h, w, c).backbone() <= BUDGET * dense && !out.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    private static double std(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x / v.length;
        }
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElse(Double.NaN);
    }

    /** One of the two disjoint halves of a source's val split (the first or the second half of its images). */
    private static final class Half extends ForwardingSource {
        private final int which;

        Half(SampleSource source, int which) {
            super(source);
            this.which = which;
        }

        @Override
        public int size(Split split) {
            return split == Split.VAL ? source.size(Split.VAL) / 2 : source.size(split);
        }

        @Override
        public Sample load(Split split, int index, Transform transform, long augmentSeed) {
            int offset = split == Split.VAL ? which * size(Split.VAL) : 0;
            return source.load(split, index + offset, transform, augmentSeed);
        }

        @Override
        public String identity() {
            return source.identity() + " half=" + which;
        }

        @Override
        public String describe() {
            return source.describe() + ", half " + which + " of val";
        }
    }
}
