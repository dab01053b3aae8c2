package org.sparsevit4j.cli;

import org.sparsevit4j.app.Resolution;
import org.sparsevit4j.core.InvalidInputException;
import picocli.CommandLine;

/** picocli converter for {@code --resolution}: {@code 672} or {@code 256x192}. */
public final class ResolutionConverter implements CommandLine.ITypeConverter<Resolution> {
    @Override
    public Resolution convert(String value) {
        try {
            return Resolution.parse(value);
        } catch (InvalidInputException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
