package org.sparsevit4j.profiler;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.WindowGrid;
import org.sparsevit4j.search.CostModel;

/**
 * Measured latency of the parts of one architecture's forward pass at one input shape on one
 * device: each block at each pruning level, the window ranking of each stage, and the parts that
 * do not depend on sparsity (patch embedding, a stage's entry into and exit from windows, patch
 * merging, final norm and head). The predicted latency of a configuration is the sum of the parts
 * it runs, which costs a few array reads: the search asks it about thousands of draws.
 *
 * <p>The sum is exact bookkeeping, not a model fitted afterwards: the parts were timed in place
 * within whole passes and partition them ({@link PartTimer}). A block's time depends only on how
 * many windows it keeps (its level) and whether it is shifted, and a stage pays for its ranking
 * once, when any of its blocks prunes ({@link LatencyTableBuilder} says which passes it times).
 * Times are kept as measured, not forced to fall with the level: at a low ratio, gathering and
 * scattering windows can cost more than the windows saved, and the search should know.
 *
 * @param fingerprint the device and engine the table was measured on
 * @param arch the architecture (its name and class count are not matched, only its shape)
 * @param head the task head timed with the backbone (its time is the dense part {@code head})
 * @param input batch, image size and precision
 * @param plan how each entry was measured
 * @param randomContexts random configurations whose passes were timed besides the uniform ones
 * @param denseMs milliseconds of each part that does not depend on sparsity, by part name
 * @param rankMs milliseconds of the window ranking of each stage (paid when it prunes)
 * @param blockMs {@code blockMs[stage][block][level]}: milliseconds of a block at each level 0..8
 * @param calibration the line from sums of parts to whole passes
 * @param checks the uniform configurations' measured whole passes beside the table's sum, from the
 *     passes that built it (parts timed in place)
 * @param anchors plain passes (no part timing) of the {@link #ANCHOR_RATIOS} measured at the end of
 *     the build beside the table's sum: the absolute level of the build's process
 * @param buildSeconds wall time of the build
 */
public record LatencyTable(DeviceFingerprint fingerprint, ArchitectureSpec arch, TimedHead head, InputShape input,
        MeasurementPlan plan, int randomContexts, Map<String, Double> denseMs, double[] rankMs, double[][][] blockMs,
        Calibration calibration, List<Check> checks, List<Check> anchors, double buildSeconds) implements CostModel {

    /**
     * Whole passes against the sum of their parts, fitted at the build over every configuration it
     * timed: {@code pass = offsetMs + slope · sum}. On a CPU the parts partition the pass (offset ~0,
     * slope ~1). On a GPU each part ends with a synchronisation that a plain pass does not have, which
     * the fit takes out: for Swin-T at 672, batch 8, on an H200 the sums ran 4–7 ms above plain passes,
     * and scaling alone left errors of 8%.
     *
     * @param offsetMs milliseconds added to every sum
     * @param slope factor applied to every sum
     * @param passes configurations the fit was made on
     * @param plainPasses whether those were plain passes (no part timing; on a GPU) or the part-timed ones
     */
    public record Calibration(double offsetMs, double slope, int passes, boolean plainPasses) {

        /** No correction: the sum of the parts is the pass. */
        public static final Calibration NONE = new Calibration(0, 1, 0, false);

        public Calibration {
            if (!Double.isFinite(offsetMs) || !(slope > 0) || Double.isInfinite(slope)) {
                throw new InvalidInputException("latency table calibration " + offsetMs + " ms + " + slope
                        + " x sum is not a usable line");
            }
        }
    }

    /** Uniform ratios whose plain passes anchor a table's absolute level to a process (see {@link CalibratedTable}). */
    public static final double[] ANCHOR_RATIOS = {0.0, 0.4, 0.8};

    /** A uniform configuration's measured median pass and the table's prediction. */
    public record Check(double ratio, double measuredMs, double predictedMs, boolean noisy) {
    }

    public LatencyTable {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(calibration, "calibration");
        denseMs = Map.copyOf(new TreeMap<>(denseMs));
        checks = List.copyOf(checks);
        anchors = List.copyOf(anchors);
        if (rankMs.length != arch.numStages() || blockMs.length != arch.numStages()) {
            throw new InvalidInputException("latency table has " + blockMs.length + " stages of blocks but "
                    + arch.name() + " has " + arch.numStages());
        }
        for (int s = 0; s < blockMs.length; s++) {
            if (blockMs[s].length != arch.depth(s)) {
                throw new InvalidInputException("latency table stage " + s + " has " + blockMs[s].length
                        + " blocks but " + arch.name() + " has " + arch.depth(s));
            }
            for (double[] levels : blockMs[s]) {
                if (levels.length != WindowGrid.MAX_LEVEL + 1) {
                    throw new InvalidInputException("latency table stage " + s + " has a block with " + levels.length
                            + " levels; it needs one time per level 0.." + WindowGrid.MAX_LEVEL);
                }
            }
        }
    }

    /** Predicted milliseconds of a forward pass under {@code config}: the sum of its parts, calibrated. */
    @Override
    public double latencyMs(SparsityConfig config) {
        return calibration.offsetMs() + calibration.slope() * partSumMs(config);
    }

    /** The sum of the parts {@code config} runs, as timed in place. */
    public double partSumMs(SparsityConfig config) {
        config.requireMatches(arch);
        double total = 0;
        for (double ms : denseMs.values()) {
            total += ms;
        }
        for (int s = 0; s < blockMs.length; s++) {
            if (config.firstPrunedBlock(s) >= 0) {
                total += rankMs[s];
            }
            for (int b = 0; b < blockMs[s].length; b++) {
                total += blockMs[s][b][config.level(s, b)];
            }
        }
        return total;
    }

    @Override
    public String description() {
        return "latency table of " + arch.name() + " " + head.describe() + " at " + input.describe() + ", on "
                + fingerprint.describe();
    }

    /**
     * Refuses to predict for another architecture, input or device than the one measured.
     *
     * @param source where the table came from, for the message
     * @param current the fingerprint of this process on the device it will run on
     */
    public void requireApplies(String source, ArchitectureSpec model, TimedHead modelHead, DeviceFingerprint current) {
        if (!arch.sameLayers(model)) {
            throw new InvalidInputException(source + " was measured for " + arch.describeLayers() + " but the model is "
                    + model.describeLayers());
        }
        if (!head.equals(modelHead)) {
            throw new InvalidInputException(source + " was measured with a " + head.describe() + " head but the model "
                    + "has a " + modelHead.describe() + " head; build a table of this model with sparsevit profile "
                    + "--build-table --weights");
        }
        List<String> differences = fingerprint.differences(current);
        if (!differences.isEmpty()) {
            throw new InvalidInputException(source + " was measured on another device or engine setting ("
                    + String.join("; ", differences) + "); build a table here with sparsevit profile --build-table");
        }
    }
}
