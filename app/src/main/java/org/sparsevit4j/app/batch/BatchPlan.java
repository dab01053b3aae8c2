package org.sparsevit4j.app.batch;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.sparsevit4j.app.DataSpec;
import org.sparsevit4j.app.DeviceList;
import org.sparsevit4j.app.Engines;
import org.sparsevit4j.app.Progress;
import org.sparsevit4j.app.Resolution;
import org.sparsevit4j.app.SearchLatency;
import org.sparsevit4j.app.SearchRequest;
import org.sparsevit4j.app.Searches;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.profiler.CalibratedTable;
import org.sparsevit4j.profiler.DeviceFingerprint;
import org.sparsevit4j.profiler.LatencyTable;
import org.sparsevit4j.profiler.LatencyTableJson;
import org.sparsevit4j.profiler.TimedHead;
import org.sparsevit4j.search.CostObjective;
import org.sparsevit4j.search.EvolutionarySearch;
import org.sparsevit4j.search.MacLimit;
import org.sparsevit4j.search.SearchBudget;
import org.sparsevit4j.search.SearchSettings;
import org.sparsevit4j.supernet.data.SyntheticKind;
import org.sparsevit4j.supernet.data.Task;
import org.sparsevit4j.supernet.model.Precision;
import org.sparsevit4j.supernet.checkpoint.CheckpointMeta;
import org.sparsevit4j.supernet.checkpoint.Checkpoints;
import org.sparsevit4j.supernet.checkpoint.ModelSpec;
import org.sparsevit4j.supernet.checkpoint.TrainSettings;
import org.sparsevit4j.supernet.weights.SwinWeights;

/**
 * A batch job checked before any work and resolved into one search request per target. Every rule
 * a search would find broken later is checked here, against the checkpoint's header (no weights
 * are loaded): a missing or unknown key, a wrong type, a missing file, an impossible budget (MACs
 * exactly; a latency window against its table as built), a table of another model, precision or
 * device, a device the engine does not see. Each failure is one line naming the job file and the
 * field, e.g. {@code job.json: field "targets[1].maxMacs": ...}.
 *
 * @param source the job file (or the job folder's {@code job-inputs.json} on resume)
 * @param job the job with every default filled in and every path absolute, as the job folder keeps it
 * @param devices the devices evaluation runs on
 * @param precision the inference precision
 * @param targets the targets in order
 * @param warnings what the budget checks found worth saying (a budget every configuration meets)
 */
public record BatchPlan(Path source, JobFile job, DeviceList devices, Precision precision, List<Target> targets,
        List<String> warnings) {

    /** Names of folders and targets: letters, digits, dot, dash, underscore. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /**
     * One target: its number (1-based), name, folder under the job folder, budget and search request.
     *
     * @param folder relative to the job folder, {@code targets/01-NAME}
     * @param budget the budget in words, e.g. {@code max MACs 0.5x dense}
     */
    public record Target(int number, String name, String folder, String budget, SearchRequest request) {
    }

    /**
     * Checks {@code raw} and resolves it.
     *
     * @param source where {@code raw} was read: messages start with it, relative paths start from its folder
     * @param devicesOverride {@code --devices} when given (it wins over the job's), else null
     * @param threads {@code --threads}: intra-op threads of each CPU replica, or null
     */
    public static BatchPlan of(JobFile raw, Path source, String devicesOverride, Integer threads) {
        Fields f = new Fields(source);
        Path base = source.toAbsolutePath().getParent();
        if (raw.checkpoint() == null) {
            throw f.fail("checkpoint", "missing; name the supernet, a checkpoint file or a training run folder");
        }
        Path checkpoint = f.check("checkpoint", () -> Checkpoints.resolve(base.resolve(raw.checkpoint()))
                .toAbsolutePath().normalize());
        if (raw.targets() == null || raw.targets().isEmpty()) {
            throw f.fail("targets", "missing or empty; give at least one budget, e.g. {\"maxMacs\": \"0.5x\"}");
        }
        JobData d = raw.data() == null ? new JobData(null, null, null, null, null, null, null, null) : raw.data();
        DataSpec data = data(f, d, base);
        int batch = atLeast(f, "batch", raw.batch(), 8, 1);
        int loaderThreads = atLeast(f, "loaderThreads", raw.loaderThreads(), 1, 1);
        String devicesField = devicesOverride != null ? "--devices" : "devices";
        DeviceList devices = f.check(devicesField,
                () -> new DeviceList(devicesOverride != null ? devicesOverride : raw.devices(), threads));
        List<Device> replicas = f.check(devicesField, devices::resolve);
        // refused where it cannot run at all (bf16 without a JNI that knows it); a slow precision is said later
        Precision precision = f.check("dtype", () -> Engines.precision(raw.dtype(), replicas.get(0), Progress.SILENT));

        Header header = f.check("checkpoint", () -> Header.of(checkpoint));
        if (raw.arch() != null) {
            f.check("arch", () -> {
                if (!ArchitectureSpec.preset(raw.arch()).sameLayers(header.spec().arch())) {
                    throw new InvalidInputException(raw.arch() + " does not match the supernet, "
                            + header.spec().arch().describeLayers());
                }
                return null;
            });
        }
        Resolution resolution = raw.resolution() != null ? f.check("resolution", () -> Resolution.parse(raw.resolution()))
                : header.trainedAt().orElse(Resolution.square(Resolution.DEFAULT_SIDE));
        f.check("resolution", () -> header.spec().arch().stageSizes(resolution.height(), resolution.width()));

        JobSearch s = raw.search() == null ? new JobSearch(null, null, null, null, null, null, null) : raw.search();
        int generations = atLeast(f, "search.generations", s.generations(), SearchSettings.DEFAULT_GENERATIONS, 0);
        int population = atLeast(f, "search.population", s.population(), SearchSettings.DEFAULT_POPULATION, 2);
        String granularity = f.check("search.granularity", () -> Granularity.parse(s.granularity() == null ? "pair"
                : s.granularity()).name().toLowerCase(Locale.ROOT));
        String cost = f.check("search.cost", () -> cost(s.cost()));
        int latencyBatch = atLeast(f, "search.latencyBatch", s.latencyBatch(), 1, 1);
        if (s.measureRuns() != null && s.measureRuns() < 0) {
            throw f.fail("search.measureRuns", s.measureRuns() + " must be 0 or more");
        }
        boolean pareto = s.pareto() != null && s.pareto();
        long seed = raw.seed() == null ? 0 : raw.seed();
        JobSearch search = new JobSearch(generations, population, pareto, granularity, cost, s.measureRuns(),
                latencyBatch);

        List<Target> targets = new ArrayList<>();
        List<JobTarget> resolvedTargets = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        String digits = "%0" + Math.max(2, String.valueOf(raw.targets().size()).length()) + "d";
        for (int i = 0; i < raw.targets().size(); i++) {
            String at = "targets[" + i + "]";
            JobTarget t = raw.targets().get(i);
            if (t == null) {
                throw f.fail(at, "null; give a budget object");
            }
            if (t.maxMacs() == null && t.maxLatencyMs() == null && t.minLatencyMs() == null) {
                throw f.fail(at, "no budget; give maxMacs (\"0.5x\" of dense or GMACs \"3.2\"), a latency window "
                        + "(maxLatencyMs, minLatencyMs), or both");
            }
            MacLimit macs = t.maxMacs() == null ? null : f.check(at + ".maxMacs", () -> MacLimit.parse(t.maxMacs()));
            SearchBudget budget = f.check(at + (t.minLatencyMs() != null ? ".minLatencyMs" : ".maxLatencyMs"),
                    () -> new SearchBudget(macs, t.maxLatencyMs(), t.minLatencyMs()));
            Path table = t.latencyTable() == null ? null : base.resolve(t.latencyTable()).toAbsolutePath().normalize();
            if (table != null && !Files.isRegularFile(table)) {
                throw f.fail(at + ".latencyTable", table + ": no such file");
            }
            LatencyTable read = table == null ? null : f.check(at + ".latencyTable", () -> LatencyTableJson.read(table));
            // latency is measured on a device of the target's type: the table's, else the first evaluating one
            String device = t.device() != null ? t.device() : read != null ? deviceName(read.fingerprint())
                    : deviceName(replicas.get(0));
            Device target = f.check(at + ".device", () -> Engines.device(device));
            String targetCost = t.cost() == null ? cost : f.check(at + ".cost", () -> cost(t.cost()));
            boolean latencyWanted = budget.hasLatencyBound() || targetCost.equals("latency");
            if (latencyWanted && table == null && t.device() == null) {
                throw f.fail(at, "a latency window or cost needs latencyTable (a table built on the target device) or "
                        + "device (to time every candidate on)");
            }
            long targetSeed = t.seed() == null ? seed : t.seed();
            String name = t.name() != null ? t.name() : defaultName(t, macs, targetSeed != seed ? targetSeed : null);
            if (!NAME.matcher(name).matches()) {
                throw f.fail(at + ".name", "\"" + name + "\" must be 1 to 64 letters, digits, '.', '-' or '_' (it names "
                        + "a folder)");
            }
            Integer previous = names.putIfAbsent(name.toLowerCase(Locale.ROOT), i);
            if (previous != null) {
                throw f.fail(at + ".name", "\"" + name + "\" is also the name of targets[" + previous + "]; give each "
                        + "target its own name");
            }
            String latency = table != null ? "table" : latencyWanted ? "measure" : null;
            SearchRequest request = new SearchRequest(checkpoint, raw.arch(), data, resolution, macs == null ? null
                    : macs.text(), t.maxLatencyMs(), t.minLatencyMs(), targetCost, table, latency, latencyBatch,
                    s.measureRuns(), device, precision.cliName(), pareto, generations, population, granularity,
                    targetSeed, batch, loaderThreads);
            f.check(at, () -> {
                Searches.checkLatencyOptions(request);
                return null;
            });
            SearchSettings settings = f.check(at, () -> Searches.settings(request, header.spec().arch(),
                    resolution.height(), resolution.width()));
            CalibratedTable predicted = read == null ? null : f.check(at + ".latencyTable", () -> {
                SearchLatency.requireTableFits(table, read, precision, header.spec().arch(), header.head(),
                        DeviceFingerprint.current(target));
                return CalibratedTable.unanchored(read);
            });
            // without a table, latency is known only once measured: check the MAC part of the budget
            SearchSettings checked = predicted != null ? settings : settings.toBuilder()
                    .budget(new SearchBudget(macs, null, null)).costObjective(CostObjective.MACS).build();
            String field = at + (macs != null && !budget.hasLatencyBound() ? ".maxMacs" : "");
            for (String w : f.check(field, () -> EvolutionarySearch.checkBudget(checked, predicted))) {
                warnings.add(at + " " + name + ": " + w);
            }
            String folder = "targets/" + String.format(Locale.ROOT, digits, i + 1) + "-" + name;
            targets.add(new Target(i + 1, name, folder, budget.toString(), request));
            resolvedTargets.add(new JobTarget(name, macs == null ? null : macs.text(), t.maxLatencyMs(),
                    t.minLatencyMs(), table, device, targetSeed, targetCost));
        }
        JobFile job = new JobFile(checkpoint, raw.arch(), new JobData(data.dataset(), data.format(), data.task(),
                data.skipBad(), data.searchFraction(), data.syntheticTrain(), data.syntheticVal(),
                data.synthetic().cliName()), resolution.toString(),
                devices.text(), precision.cliName(), batch, loaderThreads, search, seed, resolvedTargets);
        return new BatchPlan(source, job, devices, precision, List.copyOf(targets), List.copyOf(warnings));
    }

    /** The data, its folder made absolute and its layout named ({@link DataSpec#pinned}). */
    private static DataSpec data(Fields f, JobData d, Path base) {
        Path dataset = d.dataset() == null ? null : base.resolve(d.dataset()).toAbsolutePath().normalize();
        if (dataset != null && !Files.isDirectory(dataset)) {
            throw f.fail("data.dataset", dataset + ": no such folder");
        }
        double fraction = d.searchFraction() == null ? 0.1 : d.searchFraction();
        if (!(fraction > 0 && fraction < 1)) {
            throw f.fail("data.searchFraction", fraction + " must be above 0 and below 1");
        }
        int images = atLeast(f, "data.syntheticImages", d.syntheticImages(), 2000, 1);
        int val = atLeast(f, "data.syntheticVal", d.syntheticVal(), 200, 1);
        if (d.task() != null) {
            f.check("data.task", () -> Task.parse(d.task()));
        }
        SyntheticKind synthetic = f.check("data.synthetic", () -> SyntheticKind.parse(d.synthetic() == null
                ? SyntheticKind.BENCHMARK.cliName() : d.synthetic()));
        DataSpec spec = f.check(d.format() != null ? "data.format" : "data.dataset", () -> new DataSpec(dataset,
                d.format(), d.task(), d.skipBad() != null && d.skipBad(), fraction, images, val, synthetic).pinned());
        return spec;
    }

    /** {@code cpu} or {@code gpu:N}, as {@code device} takes it. */
    private static String deviceName(DeviceFingerprint measuredOn) {
        return measuredOn.deviceId() < 0 ? measuredOn.deviceType() : measuredOn.deviceType() + ":" + measuredOn.deviceId();
    }

    private static String deviceName(Device device) {
        return device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu";
    }

    private static String cost(String text) {
        return CostObjective.parse(text == null ? "macs" : text).name().toLowerCase(Locale.ROOT);
    }

    /** {@code macs-0.5x}, {@code macs-3.2g}, {@code latency-20-25ms}, joined when both; {@code -seed3} for its own seed. */
    private static String defaultName(JobTarget t, MacLimit macs, Long ownSeed) {
        List<String> parts = new ArrayList<>();
        if (macs != null) {
            parts.add("macs-" + (macs.relativeToDense() ? macs.value().toPlainString() + "x"
                    : macs.value().toPlainString() + "g"));
        }
        if (t.maxLatencyMs() != null || t.minLatencyMs() != null) {
            parts.add("latency-" + (t.minLatencyMs() != null ? number(t.minLatencyMs()) + "-" : "")
                    + (t.maxLatencyMs() != null ? number(t.maxLatencyMs()) : "up") + "ms");
        }
        return String.join("-", parts) + (ownSeed != null ? "-seed" + ownSeed : "");
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static int atLeast(Fields f, String field, Integer value, int fallback, int min) {
        int v = value == null ? fallback : value;
        if (v < min) {
            throw f.fail(field, v + " must be at least " + min);
        }
        return v;
    }

    /**
     * What the checkpoint's header says without loading a weight: the model (architecture, task,
     * classes, decoder) and the resolution it was trained at.
     */
    private record Header(ModelSpec spec, Optional<Resolution> trainedAt) {

        static Header of(Path file) {
            Optional<CheckpointMeta> meta = Checkpoints.meta(file);
            if (meta.isPresent()) {
                TrainSettings trained = meta.get().settings();
                return new Header(meta.get().model(), Optional.ofNullable(trained)
                        .map(s -> new Resolution(s.height(), s.width())));
            }
            try (SwinWeights weights = SwinWeights.open(file)) {
                ArchitectureSpec arch = weights.inferArchitecture();
                List<String> classes = new ArrayList<>();
                for (int c = 0; c < arch.numClasses(); c++) {
                    classes.add("class " + c);
                }
                return new Header(new ModelSpec(arch, Task.CLASSIFICATION, classes, 1), Optional.empty());
            }
        }

        /** The head a latency table must have been measured with. */
        TimedHead head() {
            return spec.task() == Task.SEGMENTATION
                    ? new TimedHead(TimedHead.SEGMENTATION, spec.numClasses(), spec.decoderDim())
                    : new TimedHead(TimedHead.CLASSIFICATION, spec.numClasses(), 0);
        }
    }

    /** Runs checks under a field's name, so that each failure is one line naming the job file and the field. */
    private record Fields(Path source) {

        <T> T check(String field, Supplier<T> check) {
            try {
                return check.get();
            } catch (InvalidInputException e) {
                throw fail(field, e.getMessage());
            }
        }

        InvalidInputException fail(String field, String message) {
            return new InvalidInputException(source + ": field \"" + field + "\": " + message);
        }
    }
}
