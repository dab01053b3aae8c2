package org.sparsevit4j.cli;

import org.sparsevit4j.core.InvalidInputException;
import picocli.CommandLine;

/** An input size: {@code 672} for a square image or {@code 256x192} for height × width. */
public record Resolution(int height, int width) {

    public Resolution {
        if (height < 1 || width < 1) {
            throw new InvalidInputException("--resolution " + height + "x" + width + " must be positive");
        }
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
