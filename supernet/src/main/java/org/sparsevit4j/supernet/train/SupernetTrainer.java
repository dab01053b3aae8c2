package org.sparsevit4j.supernet.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.FileHash;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SplitMix64;
import org.sparsevit4j.supernet.data.Batch;
import org.sparsevit4j.supernet.data.BatchLoader;
import org.sparsevit4j.supernet.data.SampleSource;
import org.sparsevit4j.supernet.data.Task;
import org.sparsevit4j.supernet.data.Transform;
import org.sparsevit4j.supernet.model.SwinModel;
import org.sparsevit4j.supernet.weights.ParameterNames;
import org.sparsevit4j.supernet.weights.SwinWeights;
import org.sparsevit4j.supernet.checkpoint.TrainInputs;
import org.sparsevit4j.supernet.checkpoint.SaaRecipe;
import org.sparsevit4j.supernet.checkpoint.SegmentationLoss;
import org.sparsevit4j.supernet.checkpoint.TrainSettings;
import org.sparsevit4j.supernet.checkpoint.ModelSpec;
import org.sparsevit4j.supernet.checkpoint.CheckpointMeta;
import org.sparsevit4j.supernet.checkpoint.Checkpoints;

/**
 * Sparsity-aware adaptation (and fine-tuning) with DJL's {@link Trainer}.
 *
 * <p>Every step draws a fresh configuration ({@link SparsitySampler}: a level per block pair,
 * sorted within each stage), runs the batch under it and takes one AdamW step; with the sandwich
 * rule the same batch also runs dense and maximally sparse, the gradients adding up; with in-place
 * distillation it first runs dense without a gradient and every pass also learns those predictions
 * ({@link SaaRecipe}). Fine-tuning
 * is the same loop with one fixed configuration. Gradients are clipped by their global norm.
 *
 * <p>Checkpoints every N steps and at the end hold weights, optimizer moments, the sampler's
 * state and the settings; a resumed run continues the same batches, configurations and learning
 * rates. A loss or gradient that is not finite stops the run, leaving the last checkpoint as it
 * was. Every step works in its own NDManager scope, so native memory stays flat.
 */
public final class SupernetTrainer {

    /** Steps timed before deciding how many fit a wall-clock budget (the first is a warm-up). */
    private static final int PROBE_STEPS = 4;

    private final TrainSettings initialSettings;
    private final Path runDir;
    private final TrainingListener listener;

    private SupernetTrainer(TrainSettings settings, Path runDir, TrainingListener listener) {
        this.initialSettings = settings;
        this.runDir = runDir;
        this.listener = listener;
    }

    /** The outcome of a run (or of one invocation of it). */
    public record Result(Path runDir, Path checkpoint, long steps, long totalSteps, double lastLoss, boolean timeUp) {
    }

    /** Whether {@code runDir} holds a training run: the record of its start, or a checkpoint. */
    public static boolean holdsRun(Path runDir) {
        return TrainInputs.exists(runDir) || Checkpoints.latest(runDir).isPresent();
    }

    /**
     * Starts a new run in {@code runDir}, which must not hold one already. Before the first step,
     * once the data is open and the starting weights loaded, the run records its start
     * ({@link TrainInputs}).
     */
    public static Result train(TrainSettings settings, Path runDir, TrainingListener listener) {
        if (holdsRun(runDir)) {
            throw new InvalidInputException(runDir + " already holds a training run; continue it with --resume "
                    + runDir + " or choose another --out");
        }
        return new SupernetTrainer(settings, runDir, listener).run(null, null, null);
    }

    /**
     * Continues the run in {@code runDir} from its latest checkpoint, or from its recorded start when
     * it was stopped before its first checkpoint. What it resumes is checked first, and a mismatch
     * is bad input naming the field and both values, with nothing written: the checkpoint against
     * the recorded start ({@link TrainInputs#differences}), the data's identity now against the
     * checkpoint's, and, starting again, the starting weights' SHA-256 against the recorded one. A
     * run of a version that recorded no start is checked against its checkpoint alone.
     *
     * @param maxMinutes a new wall-clock budget for this invocation, or null to keep the run's
     */
    public static Result resume(Path runDir, Double maxMinutes, TrainingListener listener) {
        Optional<TrainInputs> recorded = TrainInputs.read(runDir);
        Optional<Path> checkpoint = Checkpoints.latest(runDir);
        if (checkpoint.isEmpty()) {
            TrainInputs start = recorded.orElseThrow(() -> new InvalidInputException(runDir
                    + ": no checkpoint to resume (" + Checkpoints.FOLDER + "/step-*.safetensors) and no "
                    + TrainInputs.FILE + "; not a training run folder"));
            CheckpointMeta meta = start.startMeta(runDir);
            listener.onMessage("no checkpoint yet: starting the run again as it was recorded in " + TrainInputs.FILE);
            return new SupernetTrainer(withMaxMinutes(meta.settings(), maxMinutes), runDir, listener)
                    .run(null, meta, start);
        }
        Path file = checkpoint.get();
        CheckpointMeta meta = Checkpoints.meta(file).orElseThrow(() -> new InvalidInputException(file
                + ": not a training checkpoint"));
        if (recorded.isPresent()) {
            List<String> differences = recorded.get().differences(runDir, meta);
            if (!differences.isEmpty()) {
                throw new InvalidInputException(runDir + ": cannot resume " + file.getFileName() + " against the start "
                        + "recorded in " + TrainInputs.FILE + " (recorded vs checkpoint): "
                        + String.join("; ", differences));
            }
        }
        return new SupernetTrainer(withMaxMinutes(meta.settings(), maxMinutes), runDir, listener).run(file, meta, null);
    }

    private static TrainSettings withMaxMinutes(TrainSettings settings, Double maxMinutes) {
        return maxMinutes == null ? settings : settings.withMaxMinutes(maxMinutes);
    }

    /**
     * One invocation of the run.
     *
     * @param resumeFrom the checkpoint to continue from, or null to start at step 0
     * @param expected what the run trained on so far (the checkpoint's or the recorded start's
     *     metadata), or null for a new run
     * @param restart the recorded start of a run that starts again, whose weights must be the same
     */
    private Result run(Path resumeFrom, CheckpointMeta expected, TrainInputs restart) {
        TrainSettings settings = initialSettings;
        SampleSource source = settings.openData();
        if (expected != null && !expected.dataset().equals(source.identity())) {
            throw new InvalidInputException(runDir + ": cannot resume against other data than the run trained on "
                    + "(recorded vs now): dataset identity: " + expected.dataset() + " vs " + source.identity());
        }
        ArchitectureSpec arch = ArchitectureSpec.preset(settings.arch()).withNumClasses(source.numClasses());
        ModelSpec spec = new ModelSpec(arch, settings.task(), source.classNames(), settings.decoderDim());
        long startStep = resumeFrom == null ? 0 : expected.step();
        if (startStep >= settings.steps()) {
            listener.onMessage("the run already finished (" + startStep + " of " + settings.steps() + " steps)");
            return new Result(runDir, resumeFrom, startStep, settings.steps(), Double.NaN, false);
        }
        Path startWeights = resumeFrom != null || settings.initWeights() == null ? null
                : startWeights(settings.initWeights(), restart);
        Engine.getInstance().setRandomSeed((int) settings.seed());
        Shape inputShape = new Shape(settings.batchSize(), arch.inChannels(), settings.height(), settings.width());
        try (Model model = Model.newInstance("sparsevit-" + settings.task().cliName(), Device.cpu(), "PyTorch");
                SwinModel swin = spec.create()) {
            model.setBlock(swin);
            swin.initialize(model.getNDManager(), DataType.FLOAT32, inputShape);
            if (resumeFrom != null) {
                load(swin, resumeFrom, spec, true);
            } else if (startWeights != null) {
                load(swin, startWeights, spec, false);
            }
            long initialSamplerState = SplitMix64.deriveSeed(settings.seed(), 1);
            if (expected == null) {
                // the model holds its starting weights, so nothing the user gave can fail any more: record the start
                TrainInputs.of(meta(settings, spec, 0, initialSamplerState, source.identity()),
                        startWeights == null ? null : FileHash.sha256(startWeights)).write(runDir);
            }
            Map<String, Parameter> named = ParameterNames.of(swin);
            LearningRateSchedule schedule = schedule(settings);
            GroupedAdamW optimizer = new GroupedAdamW(idsToNames(named), decayed(named), schedule,
                    (float) settings.weightDecay());
            if (resumeFrom != null) {
                optimizer.restore(Checkpoints.optimizerState(resumeFrom, model.getNDManager()));
            }
            Loss loss = loss(settings, source);
            SparsitySampler sampler = new SparsitySampler(arch, settings.granularity(),
                    resumeFrom == null ? initialSamplerState : expected.samplerState());
            TrainingLog log = new TrainingLog(runDir, startStep);
            listener.onMessage(String.format(Locale.ROOT, "%s %s on %s at %dx%d, batch %d, %s, %s%s",
                    settings.finetune() ? "fine-tuning" : "training (SAA)", arch.name(), source.describe(),
                    settings.height(), settings.width(), settings.batchSize(),
                    settings.task() == Task.SEGMENTATION ? settings.loss().describe() : "cross-entropy",
                    settings.finetune() ? "configuration " + settings.fixedConfig().compact()
                            : "a random configuration per step by " + settings.granularity().id()
                                    + settings.recipe().describe(),
                    resumeFrom == null ? "" : ", resuming after step " + startStep));
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(loss).optOptimizer(optimizer)
                    .optDevices(new Device[] {Device.cpu()}));
                    BatchLoader loader = BatchLoader.train(source, Transform.train(settings.height(), settings.width()),
                            settings.batchSize(), settings.seed(), settings.loaderThreads(), startStep)) {
                Loop loop = new Loop(settings, spec, source, swin, trainer, optimizer, loss, sampler, log, loader.iterator());
                return loop.run(startStep);
            }
        }
    }

    /**
     * The file of a new run's starting weights ({@code --weights}: a file, or a run folder's latest
     * checkpoint); for a run that starts again, the same file with the recorded SHA-256.
     */
    private Path startWeights(Path weights, TrainInputs restart) {
        if (restart != null && !Files.exists(weights)) {
            throw new InvalidInputException(runDir + ": the starting weights recorded in " + TrainInputs.FILE + ", "
                    + weights + ", are gone; the run cannot start again from other weights");
        }
        Path file = Checkpoints.resolve(weights);
        if (restart != null) {
            String now = FileHash.sha256(file);
            if (!now.equals(restart.startWeightsSha256())) {
                throw new InvalidInputException(runDir + ": cannot start the run again from other weights than it "
                        + "started from (recorded vs now): starting weights " + file + " sha256: "
                        + restart.startWeightsSha256() + " vs " + now);
            }
        }
        return file;
    }

    /** The metadata a checkpoint after {@code step} steps stores. */
    private static CheckpointMeta meta(TrainSettings settings, ModelSpec spec, long step, long samplerState,
            String datasetIdentity) {
        return new CheckpointMeta(settings.finetune() ? "finetune" : "supernet", spec, settings.fixedConfig(), step,
                samplerState, settings, datasetIdentity, "sparsevit4j");
    }

    private void load(SwinModel swin, Path file, ModelSpec spec, boolean exact) {
        var meta = Checkpoints.meta(file);
        try (SwinWeights weights = SwinWeights.open(file)) {
            if (meta.isPresent() && meta.get().model().task() == spec.task()
                    && meta.get().model().numClasses() == spec.numClasses()) {
                weights.loadInto(swin);
                listener.onMessage("started from " + file + " (" + meta.get().kind() + ", step " + meta.get().step() + ")");
                return;
            }
            if (exact) {
                throw new InvalidInputException(file + " does not hold this run's model");
            }
            List<String> unused = weights.loadBackboneInto(swin);
            listener.onMessage("started the backbone from " + file + (unused.isEmpty() ? ""
                    : "; left out " + unused.size() + " keys of its head (" + String.join(", ",
                            unused.subList(0, Math.min(4, unused.size()))) + (unused.size() > 4 ? ", ..." : "") + ")"));
        }
    }

    private Loss loss(TrainSettings settings, SampleSource source) {
        if (settings.task() != Task.SEGMENTATION) {
            return Loss.softmaxCrossEntropyLoss();
        }
        SegmentationLoss kind = settings.loss();
        float[] weights = null;
        if (kind.classWeights() == SegmentationLoss.ClassWeights.BALANCED) {
            ClassFrequencies frequencies = ClassFrequencies.count(source, settings.height(), settings.width());
            weights = frequencies.balancedWeights();
            listener.onMessage("class shares in the training data: " + frequencies.describe(source.classNames())
                    + "; weights " + java.util.Arrays.toString(weights));
        }
        return new PixelCrossEntropyLoss(source.ignoreIndex(), weights, kind.ohem());
    }

    private static LearningRateSchedule schedule(TrainSettings s) {
        return new LearningRateSchedule(s.learningRate(), s.minLearningRate(), s.warmupSteps(), s.steps());
    }

    private static Map<String, String> idsToNames(Map<String, Parameter> named) {
        Map<String, String> out = new HashMap<>();
        named.forEach((name, p) -> out.put(p.getId(), name));
        return out;
    }

    /** Weight decay for weights only: not for norms, biases and relative position tables. */
    static Set<String> decayed(Map<String, Parameter> named) {
        Set<String> out = new HashSet<>();
        named.forEach((name, p) -> {
            boolean norm = p.getType() == Parameter.Type.GAMMA || p.getType() == Parameter.Type.BETA;
            boolean bias = p.getType() == Parameter.Type.BIAS;
            if (!norm && !bias && !name.endsWith("relative_position_bias_table")) {
                out.add(name);
            }
        });
        return out;
    }

    /** The step loop of one invocation. */
    /** Cross-entropy of {@code logits} against soft labels, over axis 1 (classes), averaged over the rest. */
    static NDArray softCrossEntropy(NDArray probabilities, NDArray logits) {
        return probabilities.mul(logits.logSoftmax(1)).sum(new int[] {1}).mean().neg();
    }

    private final class Loop {
        private TrainSettings settings;
        private final ModelSpec spec;
        private final SampleSource source;
        private final SwinModel swin;
        private final Trainer trainer;
        private final GroupedAdamW optimizer;
        private final Loss loss;
        private final SparsitySampler sampler;
        private final TrainingLog log;
        private final Iterator<Batch> batches;
        private final List<Parameter> parameters;
        private double lastGradNorm;

        Loop(TrainSettings settings, ModelSpec spec, SampleSource source, SwinModel swin, Trainer trainer,
                GroupedAdamW optimizer, Loss loss, SparsitySampler sampler, TrainingLog log, Iterator<Batch> batches) {
            this.settings = settings;
            this.spec = spec;
            this.source = source;
            this.swin = swin;
            this.trainer = trainer;
            this.optimizer = optimizer;
            this.loss = loss;
            this.sampler = sampler;
            this.log = log;
            this.batches = batches;
            this.parameters = new ArrayList<>(ParameterNames.of(swin).values());
        }

        Result run(long startStep) {
            long started = System.nanoTime();
            long probeStart = 0;
            long images = 0;
            double lastLoss = Double.NaN;
            Path checkpoint = null;
            long step = startStep;
            boolean timeUp = false;
            while (step < settings.steps()) {
                double elapsed = (System.nanoTime() - started) / 1e9;
                if (settings.maxMinutes() > 0 && elapsed > settings.maxMinutes() * 60) {
                    timeUp = true;
                    break;
                }
                Batch batch = batches.next();
                List<SparsityConfig> configs = configsOfStep();
                lastLoss = step(batch, configs, step);
                step++;
                images += batch.size();
                if (step - startStep == 1) {
                    probeStart = System.nanoTime(); // the first step pays for warm-up; time the next ones
                } else if (step - startStep == 1 + PROBE_STEPS) {
                    fitBudget(step, (System.nanoTime() - probeStart) / 1e9 / PROBE_STEPS, elapsed);
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                double rate = images / seconds;
                double eta = (settings.steps() - step) * settings.batchSize() / Math.max(rate, 1e-9);
                log.append(TrainingLog.Row.of(step, lastLoss, lastGradNorm, optimizer.learningRate(), rate, seconds,
                        configs.get(0).compact()));
                listener.onStep(new TrainingListener.Step(step, settings.steps(), lastLoss, optimizer.learningRate(),
                        rate, eta, configs.get(0)));
                if (step % settings.checkpointEvery() == 0 || step == settings.steps()) {
                    checkpoint = save(step);
                }
            }
            if (timeUp && (checkpoint == null || !checkpoint.equals(Checkpoints.file(runDir, step)))) {
                checkpoint = save(step);
                listener.onMessage("time is up after step " + step + " of " + settings.steps()
                        + "; continue with --resume " + runDir);
            }
            if (source.skipped() > 0) {
                listener.onMessage("skipped " + source.skipped() + " bad files: "
                        + String.join(", ", source.skippedFiles()));
            }
            return new Result(runDir, checkpoint, step, settings.steps(), lastLoss, timeUp);
        }

        private List<SparsityConfig> configsOfStep() {
            if (settings.finetune()) {
                return List.of(settings.fixedConfig());
            }
            SparsityConfig random = sampler.next();
            return settings.recipe().sandwich()
                    ? List.of(random, SparsityConfig.dense(spec.arch()), sampler.sparsest())
                    : List.of(random);
        }

        /** One optimizer step on {@code batch}; returns the mean loss of its passes. */
        private double step(Batch batch, List<SparsityConfig> configs, long step) {
            try (NDManager scope = trainer.getManager().newSubManager()) {
                NDArray images = scope.create(batch.images(),
                        new Shape(batch.size(), spec.arch().inChannels(), batch.height(), batch.width()));
                NDArray labels = settings.task() == Task.SEGMENTATION
                        ? scope.create(toLong(batch.masks()), new Shape(batch.size(), batch.height(), batch.width()))
                        : scope.create(toLong(batch.labels()), new Shape(batch.size()));
                double sum = 0;
                NDArray teacher = denseProbabilities(images);
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    for (SparsityConfig config : configs) {
                        swin.backbone().setSparsity(config);
                        NDArray logits = trainer.forward(new NDList(images)).get(0);
                        NDArray value = loss.evaluate(new NDList(labels), new NDList(logits));
                        if (teacher != null) {
                            value = value.add(softCrossEntropy(teacher, logits).mul((float) settings.recipe().distill()));
                        }
                        float scalar = value.getFloat();
                        if (!Float.isFinite(scalar)) {
                            throw diverged(step, "the loss is " + scalar);
                        }
                        sum += scalar;
                        collector.backward(value);
                    }
                }
                double norm = clipGradients(scope);
                if (!Double.isFinite(norm)) {
                    throw diverged(step, "the gradient norm is " + norm);
                }
                lastGradNorm = norm;
                optimizer.beginStep(step);
                trainer.step();
                zeroGradients();
                return sum / configs.size();
            }
        }

        /**
         * The dense pass's class probabilities of {@code images}, the soft labels of in-place
         * distillation (outside the gradient collector and detached, so nothing flows back through
         * them); null when the run does not distill.
         */
        private NDArray denseProbabilities(NDArray images) {
            if (settings.finetune() || settings.recipe().distill() == 0) {
                return null;
            }
            swin.backbone().setSparsity(SparsityConfig.dense(spec.arch()));
            return trainer.forward(new NDList(images)).get(0).stopGradient().softmax(1);
        }

        private TrainingDivergedException diverged(long step, String what) {
            zeroGradients();
            String last = Checkpoints.latest(runDir).map(Path::toString).orElse("none yet");
            return new TrainingDivergedException("training stopped at step " + (step + 1) + ": " + what
                    + "; the last good checkpoint is " + last + " (try a lower --lr)");
        }

        /** Scales all gradients so their global L2 norm is at most the clip; returns the norm before. */
        private double clipGradients(NDManager scope) {
            double squares = 0;
            List<NDArray> grads = new ArrayList<>(parameters.size());
            for (Parameter p : parameters) {
                NDArray grad = p.getArray().getGradient();
                grad.attach(scope);
                grads.add(grad);
                squares += grad.square().sum().getFloat();
            }
            double norm = Math.sqrt(squares);
            if (settings.clipNorm() > 0 && norm > settings.clipNorm()) {
                float factor = (float) (settings.clipNorm() / norm);
                grads.forEach(g -> g.muli(factor));
            }
            return norm;
        }

        /** DJL's PyTorch engine accumulates gradients and only its own optimizers reset them. */
        private void zeroGradients() {
            for (Parameter p : parameters) {
                try (NDArray grad = p.getArray().getGradient()) {
                    grad.muli(0);
                }
            }
        }

        /**
         * With a wall-clock budget that the planned steps would overrun, plans fewer steps, so
         * that the learning-rate schedule still ends where the time does.
         */
        private void fitBudget(long step, double secondsPerStep, double elapsedSeconds) {
            if (settings.maxMinutes() <= 0) {
                return;
            }
            double left = settings.maxMinutes() * 60 - elapsedSeconds - secondsPerStep;
            long fit = step + (long) Math.floor(left / secondsPerStep);
            if (fit < settings.steps()) {
                long total = Math.max(step + 1, fit);
                listener.onMessage(String.format(Locale.ROOT, "--max-minutes %.1f: at %.2f s per step, %d of %d "
                        + "steps fit; planning %d", settings.maxMinutes(), secondsPerStep, fit, settings.steps(), total));
                settings = settings.withSteps(total);
                optimizer.reschedule(schedule(settings));
            }
        }

        private Path save(long step) {
            Path file = Checkpoints.write(runDir, swin, optimizer.state(), meta(settings, spec, step, sampler.state(),
                    source.identity()));
            listener.onCheckpoint(file);
            return file;
        }
    }

    private static long[] toLong(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
