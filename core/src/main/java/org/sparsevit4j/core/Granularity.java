package org.sparsevit4j.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.sparsevit4j.core.InvalidInputException;

/**
 * How many blocks share one gene (one sparsity ratio) in the search.
 *
 * <p>{@link #PAIR} is the paper's encoding: the regular (W-MSA) and the shifted (SW-MSA) block of
 * a Swin pair share a ratio, so blocks {@code 2i} and {@code 2i+1} of a stage form one gene; a
 * stage of odd depth ends with a gene of one block.
 */
public enum Granularity {
    /** One gene per block. */
    BLOCK,
    /** One gene per pair of consecutive blocks (the paper's default). */
    PAIR,
    /** One gene per stage: every block of a stage has the same ratio. */
    STAGE;

    /** The lower-case name used on the command line and in JSON: {@code block}, {@code pair}, {@code stage}. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code block}, {@code pair} or {@code stage} (case-insensitive). */
    @JsonCreator
    public static Granularity parse(String text) {
        if (text != null) {
            for (Granularity g : values()) {
                if (g.id().equalsIgnoreCase(text.strip())) {
                    return g;
                }
            }
        }
        throw new InvalidInputException("granularity \"" + text + "\" is not one of "
                + Arrays.stream(values()).map(Granularity::id).collect(Collectors.joining(", ")));
    }
}
