package org.sparsevit4j.search;

import org.sparsevit4j.core.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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

    /**
     * @param environment the evaluator's own facts, merged at the top level
     * @throws IllegalArgumentException when {@code environment} names a key the search writes itself
     */
    static ObjectNode toJson(SearchSettings settings, String metricName, String evaluator, String latencyModel,
            BudgetCheck budget, double referenceCost, ObjectNode environment) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("tool", TOOL);
        o.put("component", "search-core");
        o.put("toolVersion", BuildInfo.version());
        o.put("gitCommit", BuildInfo.gitCommit());
        o.put("gitDirty", BuildInfo.gitDirty());
        o.put("java", System.getProperty("java.version"));
        o.put("javaVendor", System.getProperty("java.vendor"));
        ObjectNode os = o.putObject("os");
        os.put("name", System.getProperty("os.name"));
        os.put("version", System.getProperty("os.version"));
        os.put("arch", System.getProperty("os.arch"));
        ObjectNode cpu = o.putObject("cpu");
        cpu.put("model", cpuModel());
        cpu.put("logicalCores", Runtime.getRuntime().availableProcessors());
        o.put("jenetics", versionOf(Genotype.class));
        o.put("jackson", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
        o.put("seed", settings.seed());
        o.put("metricName", metricName);
        o.put("evaluator", evaluator);
        o.put("latencyModel", latencyModel);
        o.putNull(LATENCY_METER);
        MacCostTable macs = budget.macTable();
        o.put("denseMacs", macs.denseMacs());
        o.put("sparsestMacs", macs.sparsestMacs());
        if (budget.maxMacs() == Long.MAX_VALUE) {
            o.putNull("maxMacsResolved");
        } else {
            o.put("maxMacsResolved", budget.maxMacs());
        }
        ObjectNode reference = o.putObject("hypervolumeReference");
        reference.put("metric", settings.hypervolumeReferenceMetric());
        reference.put("cost", referenceCost);
        reference.put("costUnit", settings.costObjective().unit());
        o.set("settings", Json.MAPPER.valueToTree(settings));
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
