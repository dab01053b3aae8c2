package org.sparsevit4j.search;

/**
 * The names of a search's run-folder files, declared once for the search that writes them and
 * the report that reads them; {@link #FORMAT} is the version of the JSON result files' schema.
 */
public final class RunFiles {

    /** 1: {@link CandidateEntry}, {@link ParetoFile}, {@link BaselinesFile} as first versioned. */
    public static final int FORMAT = 1;

    public static final String BEST = "best.json";
    public static final String BEST_CONFIG = "best-config.json";
    public static final String PARETO_JSON = "pareto.json";
    public static final String PARETO_CSV = "pareto.csv";
    public static final String CANDIDATES_CSV = "candidates.csv";
    public static final String GENERATIONS_CSV = "generations.csv";
    public static final String BASELINES = "baselines.json";
    public static final String PROVENANCE = "provenance.json";

    private RunFiles() {
    }
}
