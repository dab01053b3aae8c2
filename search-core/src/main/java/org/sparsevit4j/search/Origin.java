package org.sparsevit4j.search;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a candidate was first proposed; recorded with every evaluation for the report. */
public enum Origin {
    /** A draw of the initial population. */
    INITIAL,
    /** A mutant of one parent. */
    MUTATION,
    /** A uniform crossover of two parents. */
    CROSSOVER,
    /** The uniform-sparsity baseline (every ratio equal). */
    UNIFORM,
    /** The random-search baseline. */
    RANDOM;

    /** Lower-case name for JSON and CSV. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    static Origin parse(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
