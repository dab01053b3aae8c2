package org.sparsevit4j.supernet.checkpoint;

import java.util.Locale;
import org.sparsevit4j.core.InvalidInputException;

/**
 * What one step of sparsity-aware adaptation trains, beyond the paper's one random configuration
 * against the labels.
 *
 * <p>In-place distillation ({@code distill} > 0): the same batch also runs dense, without a
 * gradient, and the sparse pass learns the dense pass's predicted distribution (per pixel for
 * segmentation) beside the labels, with this weight. The labels say what is right; the dense pass
 * says what the same weights would answer had no window been skipped, which is the gap the supernet
 * has to close at every sparsity.
 *
 * @param sandwich whether the dense and the sparsest configuration also run every step, their
 *     gradients adding up
 * @param distill weight of the dense pass's predictions as soft labels (0: none, the paper)
 */
public record SaaRecipe(boolean sandwich, double distill) {

    /** The paper's step: one random configuration, the labels alone. */
    public static final SaaRecipe PAPER = new SaaRecipe(false, 0);

    public SaaRecipe {
        if (!(distill >= 0) || Double.isInfinite(distill)) {
            throw new InvalidInputException("--distill " + distill + " must be a number >= 0");
        }
    }

    /** What a training run's first line says about it. */
    public String describe() {
        return (sandwich ? " plus dense and sparsest (sandwich)" : "")
                + (distill > 0 ? String.format(Locale.ROOT, ", distilled from dense (weight %s)", distill) : "");
    }
}
