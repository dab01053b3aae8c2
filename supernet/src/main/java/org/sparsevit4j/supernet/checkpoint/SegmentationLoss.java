package org.sparsevit4j.supernet.checkpoint;

import java.util.Locale;
import org.sparsevit4j.core.InvalidInputException;

/**
 * How the per-pixel cross-entropy of segmentation treats rare classes. Scenes that are mostly
 * background teach a plain cross-entropy to predict background everywhere first; two remedies
 * segmentation users reach for, combinable:
 *
 * @param classWeights {@code none}, or {@code balanced}: each class's pixels weighted by the inverse
 *     square root of its frequency in the training data ({@link ClassFrequencies}), normalised so
 *     that an average pixel weighs 1
 * @param ohem online hard example mining (as mmsegmentation's {@code OHEMPixelSampler}): only the
 *     pixels whose predicted probability of their class is below {@value #OHEM_THRESHOLD}, and at
 *     least the hardest {@value #OHEM_MIN_KEPT_SHARE} of the batch's pixels, count
 */
public record SegmentationLoss(ClassWeights classWeights, boolean ohem) {

    /** OHEM keeps pixels predicted with less confidence than this. */
    public static final float OHEM_THRESHOLD = 0.7f;
    /** OHEM keeps at least this share of the valid pixels, the hardest ones. */
    public static final double OHEM_MIN_KEPT_SHARE = 0.125;

    /** Plain cross-entropy: every pixel alike. */
    public static final SegmentationLoss PLAIN = new SegmentationLoss(ClassWeights.NONE, false);

    /** What the class weights are. */
    public enum ClassWeights {
        NONE, BALANCED;

        public static ClassWeights parse(String text) {
            String name = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            return switch (name) {
                case "none" -> NONE;
                case "balanced" -> BALANCED;
                default -> throw new InvalidInputException("--class-weights \"" + text + "\" must be none or balanced");
            };
        }

        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SegmentationLoss {
        if (classWeights == null) {
            throw new InvalidInputException("class weights must be none or balanced");
        }
    }

    /** Whether this is more than the plain cross-entropy. */
    public boolean isPlain() {
        return classWeights == ClassWeights.NONE && !ohem;
    }

    /** {@code cross-entropy}, {@code balanced cross-entropy with OHEM}, ... for logs. */
    public String describe() {
        return (classWeights == ClassWeights.BALANCED ? "class-balanced " : "") + "cross-entropy" + (ohem ? " with OHEM"
                : "");
    }
}
