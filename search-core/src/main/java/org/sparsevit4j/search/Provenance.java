package org.sparsevit4j.search;

import org.sparsevit4j.core.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenetics.Genotype;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a result came from: tool, build commit and library versions, the machine (Java, OS, CPU),
 * the seed and the full settings, the evaluator and latency model, the resolved budget, and what
 * the evaluator adds about itself ({@link ConfigEvaluator#provenance()}: checkpoint, dataset,
 * engine, device). Every result file of a run carries it. It holds no wall-clock time on
 * purpose: two runs with the same seed on the same machine write identical files.
 */
final class Provenance {

    static final String TOOL = "sparsevit4j";
    /** Set after the search, once it is known whether latency was measured. */
    static final String LATENCY_METER = "latencyMeter";

    private Provenance() {
    }

    /** The search's own facts, as every result file carries them (the evaluator's are merged beside them). */
    record SearchFacts(String tool, String component, String toolVersion, String gitCommit, String gitDirty,
            String java, String javaVendor, Os os, Cpu cpu, String jenetics, String jackson, long seed,
            String metricName, String evaluator, String latencyModel, String latencyMeter, long denseMacs,
            long sparsestMacs, Long maxMacsResolved, HypervolumeReference hypervolumeReference,
            SearchSettings settings) {
    }

    record Os(String name, String version, String arch) {
    }

    record Cpu(String model, int logicalCores) {
    }

    record HypervolumeReference(double metric, double cost, String costUnit) {
    }

    /**
     * @param environment the evaluator's own facts, merged at the top level
     * @throws IllegalArgumentException when {@code environment} names a key the search writes itself
     */
    static ObjectNode toJson(SearchSettings settings, String metricName, String evaluator, String latencyModel,
            BudgetCheck budget, double referenceCost, ObjectNode environment) {
        MacCostTable macs = budget.macTable();
        SearchFacts facts = new SearchFacts(TOOL, "search-core", BuildInfo.version(), BuildInfo.gitCommit(),
                BuildInfo.gitDirty(), System.getProperty("java.version"), System.getProperty("java.vendor"),
                new Os(System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch")),
                new Cpu(cpuModel(), Runtime.getRuntime().availableProcessors()), versionOf(Genotype.class),
                com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString(), settings.seed(), metricName,
                evaluator, latencyModel, null, macs.denseMacs(), macs.sparsestMacs(),
                budget.maxMacs() == Long.MAX_VALUE ? null : budget.maxMacs(),
                new HypervolumeReference(settings.hypervolumeReferenceMetric(), referenceCost,
                        settings.costObjective().unit()),
                settings);
        ObjectNode o = Json.MAPPER.valueToTree(facts);
        for (Map.Entry<String, JsonNode> e : environment.properties()) {
            if (o.has(e.getKey())) {
                throw new IllegalArgumentException("the evaluator's provenance field \"" + e.getKey()
                        + "\" clashes with the search's own; rename it");
            }
            o.set(e.getKey(), e.getValue().deepCopy());
        }
        return o;
    }

    /** The processor's model name where the OS tells it (Linux), else {@code unknown}. */
    static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return BuildInfo.UNKNOWN;
        }
        try (Stream<String> lines = Files.lines(cpuinfo, StandardCharsets.UTF_8)) {
            Optional<String> model = lines.filter(l -> l.startsWith("model name") && l.contains(":")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip());
            return model.orElse(BuildInfo.UNKNOWN);
        } catch (IOException | java.io.UncheckedIOException e) {
            return BuildInfo.UNKNOWN;
        }
    }

    private static String versionOf(Class<?> type) {
        String v = type.getPackage().getImplementationVersion();
        return v == null ? BuildInfo.UNKNOWN : v;
    }
}
