package org.sparsevit4j.app;

import java.util.Locale;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.supernet.checkpoint.LoadedModel;
import org.sparsevit4j.supernet.checkpoint.TrainSettings;

/** An input size: {@code 672} for a square image or {@code 256x192} for height × width. */
public record Resolution(int height, int width) {

    /** Side of the input a model without a training record (torchvision/timm weights) is fed. */
    public static final int DEFAULT_SIDE = 224;

    public Resolution {
        if (height < 1 || width < 1) {
            throw new InvalidInputException("--resolution " + height + "x" + width + " must be positive");
        }
    }

    /** A square input. */
    public static Resolution square(int side) {
        return new Resolution(side, side);
    }

    /**
     * Parses {@code 672} or {@code 256x192}.
     *
     * @throws InvalidInputException naming the text and the forms it may take
     */
    public static Resolution parse(String value) {
        String[] parts = value.trim().toLowerCase(Locale.ROOT).split("x", -1);
        try {
            if (parts.length == 1) {
                return square(Integer.parseInt(parts[0]));
            }
            if (parts.length == 2) {
                return new Resolution(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            }
        } catch (NumberFormatException | InvalidInputException e) {
            // fall through to the message below
        }
        throw new InvalidInputException("'" + value + "' is not a resolution; give a positive side (672) or height x "
                + "width (256x192)");
    }

    /**
     * The size a model is fed: {@code given}, else the resolution a checkpoint was trained at,
     * else {@link #DEFAULT_SIDE} square.
     */
    public static Resolution forModel(Resolution given, LoadedModel model) {
        if (given != null) {
            return given;
        }
        TrainSettings trained = model.meta().map(m -> m.settings()).orElse(null);
        return trained != null ? new Resolution(trained.height(), trained.width()) : square(DEFAULT_SIDE);
    }

    @Override
    public String toString() {
        return height + "x" + width;
    }
}
