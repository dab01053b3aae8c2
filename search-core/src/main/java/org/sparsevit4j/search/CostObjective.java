package org.sparsevit4j.search;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.sparsevit4j.core.InvalidInputException;

/**
 * Which cost the search trades against the metric: in Pareto mode the second objective, in both
 * modes the tie-break between equal metrics and the cost axis of the hypervolume.
 */
public enum CostObjective {
    /** Backbone GMACs. */
    MACS("GMACs"),
    /** Predicted latency in ms; needs a {@link CostModel}. */
    LATENCY("ms");

    private final String unit;

    CostObjective(String unit) {
        this.unit = unit;
    }

    /** Unit of {@link #of}: {@code GMACs} or {@code ms}. */
    public String unit() {
        return unit;
    }

    /** The lower-case name used in JSON: {@code macs} or {@code latency}. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This objective's value of {@code costs}, in {@link #unit()}. */
    public double of(CandidateCosts costs) {
        return this == MACS ? costs.gmacs() : costs.latencyMs();
    }

    @JsonCreator
    public static CostObjective parse(String text) {
        for (CostObjective o : values()) {
            if (o.id().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return o;
            }
        }
        throw new InvalidInputException("cost objective \"" + text + "\" is not one of macs, latency");
    }
}
