package org.sparsevit4j.search;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenetics.Genotype;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Where a result came from: tool and library versions, the seed and the full settings, the
 * evaluator and latency model, and the resolved budget. Every result file of a run carries it.
 * It holds no wall-clock time on purpose: two runs with the same seed write identical files.
 */
final class Provenance {

    static final String TOOL = "sparsevit4j";

    private Provenance() {
    }

    static ObjectNode toJson(SearchSettings settings, String metricName, String evaluator, String latencyModel,
            BudgetCheck budget, double referenceCost) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("tool", TOOL);
        o.put("component", "search-core");
        o.put("toolVersion", toolVersion());
        o.put("java", System.getProperty("java.version"));
        o.put("jenetics", versionOf(Genotype.class));
        o.put("jackson", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
        o.put("seed", settings.seed());
        o.put("metricName", metricName);
        o.put("evaluator", evaluator);
        if (latencyModel == null) {
            o.putNull("latencyModel");
        } else {
            o.put("latencyModel", latencyModel);
        }
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
        o.set("settings", SearchSettingsJson.toJson(settings));
        return o;
    }

    /** The version of this module: from the jar's Maven metadata, or {@code development} when run from classes. */
    static String toolVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream(
                "/META-INF/maven/org.sparsevit4j/search-core/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "development");
            }
        } catch (IOException e) {
            // fall through: provenance must not fail a search
        }
        return "development";
    }

    private static String versionOf(Class<?> type) {
        String v = type.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}
