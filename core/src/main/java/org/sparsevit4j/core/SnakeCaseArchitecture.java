package org.sparsevit4j.core;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * An {@link ArchitectureSpec} as the files users script against spell it (snake_case: latency
 * tables, checkpoint metadata); the search's own files keep the record's names.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SnakeCaseArchitecture(String name, int patchSize, int inChannels, int embedDim, List<Integer> depths,
        List<Integer> heads, int windowSize, double mlpRatio, int numClasses) {

    public static SnakeCaseArchitecture of(ArchitectureSpec a) {
        return new SnakeCaseArchitecture(a.name(), a.patchSize(), a.inChannels(), a.embedDim(), a.depths(), a.heads(),
                a.windowSize(), a.mlpRatio(), a.numClasses());
    }

    /** The spec, with its own rules checked. */
    public ArchitectureSpec spec() {
        return new ArchitectureSpec(name, patchSize, inChannels, embedDim, depths, heads, windowSize, mlpRatio,
                numClasses);
    }
}
