package org.sparsevit4j.cli;

import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.supernet.train.LoadedModel;
import org.sparsevit4j.supernet.train.TrainSettings;
import picocli.CommandLine;

/** An input size: {@code 672} for a square image or {@code 256x192} for height × width. */
public record Resolution(int height, int width) {

    public Resolution {
        if (height < 1 || width < 1) {
            throw new InvalidInputException("--resolution " + height + "x" + width + " must be positive");
        }
    }

    /** Side of the input a model without a training record (torchvision/timm weights) is fed. */
    public static final int DEFAULT_SIDE = 224;

    /**
     * The size a model is fed: {@code given}, else the resolution a checkpoint was trained at,
     * else {@link #DEFAULT_SIDE} square.
     */
    static Resolution forModel(Resolution given, LoadedModel model) {
        if (given != null) {
            return given;
        }
        TrainSettings trained = model.meta().map(m -> m.settings()).orElse(null);
        return trained != null ? new Resolution(trained.height(), trained.width())
                : new Resolution(DEFAULT_SIDE, DEFAULT_SIDE);
    }

    @Override
    public String toString() {
        return height + "x" + width;
    }

    /** picocli converter for {@code --resolution}. */
    public static final class Converter implements CommandLine.ITypeConverter<Resolution> {
        @Override
        public Resolution convert(String value) {
            String[] parts = value.trim().toLowerCase(java.util.Locale.ROOT).split("x", -1);
            try {
                if (parts.length == 1) {
                    int side = Integer.parseInt(parts[0]);
                    return new Resolution(side, side);
                }
                if (parts.length == 2) {
                    return new Resolution(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
                }
            } catch (NumberFormatException | InvalidInputException e) {
                // fall through to the message below
            }
            throw new CommandLine.TypeConversionException("'" + value
                    + "' is not a resolution; give a positive side (672) or height x width (256x192)");
        }
    }
}
