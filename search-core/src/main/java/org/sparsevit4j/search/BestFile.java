package org.sparsevit4j.search;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * {@code best.json}: the chosen configuration's entry, its fields at the top level so that the
 * file also reads as a configuration ({@code {"ratios": ...}}), with the schema version, the
 * metric's name and the provenance.
 *
 * @param format the schema version, {@link RunFiles#FORMAT}
 * @param metricName the evaluator's metric
 * @param best the configuration and its objectives
 * @param provenance where the result came from
 */
public record BestFile(int format, String metricName, @JsonUnwrapped CandidateEntry best, JsonNode provenance) {

    public BestFile {
        Objects.requireNonNull(metricName, "metricName");
        Objects.requireNonNull(best, "best");
        Objects.requireNonNull(provenance, "provenance");
    }
}
