package org.sparsevit4j.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import org.sparsevit4j.core.Json;

/**
 * The part of a run's provenance that the pages show, typed. A provenance is an open document (the
 * search's facts with the evaluator's merged beside them, and a batch job keeps only the facts its
 * targets share), so every field may be absent (null, shown as a dash) and fields the pages do not
 * show are passed over; a field that is present must have its type.
 *
 * @param seed the search's seed
 * @param settings the search's settings
 * @param maxMacsResolved the MAC budget in MACs
 * @param denseMacs the dense model's MACs
 * @param latencyModel what predicted latency, if anything
 * @param latencyMeter what measured latency, if anything
 * @param dataset the data the metric was computed on
 * @param checkpoint the weights
 * @param evaluator the evaluator in words
 * @param toolVersion sparsevit4j's version
 * @param gitCommit the build's commit
 * @param gitDirty {@code "true"} when the build had uncommitted changes
 * @param java the Java version
 * @param javaVendor the Java vendor
 * @param jenetics Jenetics' version
 * @param djl DJL's version, for a model evaluated by DJL
 * @param engine DJL's engine
 * @param engineVersion its version
 * @param device where evaluation ran
 * @param cpu the processor
 * @param os the operating system
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProvenanceFacts(Long seed, Settings settings, Long maxMacsResolved, Long denseMacs, String latencyModel,
        String latencyMeter, Dataset dataset, Checkpoint checkpoint, String evaluator, String toolVersion,
        String gitCommit, String gitDirty, String java, String javaVendor, String jenetics, String djl, String engine,
        String engineVersion, String device, Cpu cpu, Os os) {

    private static final ObjectReader READER = Json.toleratingAbsentFields(ProvenanceFacts.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The search's settings that the pages show. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Settings(Budget budget, Boolean pareto, Integer population, Integer generations, String granularity,
            Integer imageHeight, Integer imageWidth) {
    }

    /** The budget as given: a MAC limit in words, latency limits in milliseconds. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Budget(String maxMacs, Double maxLatencyMs, Double minLatencyMs) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Dataset(String description, String split, Integer images, String identity) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Checkpoint(String path, String sha256) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Cpu(String model, Integer logicalCores) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Os(String name, String version, String arch) {
    }

    /** The facts of a provenance document; {@code source} names it in errors. */
    public static ProvenanceFacts of(JsonNode provenance, String source) {
        return Json.parse(provenance.toString(), READER, source);
    }
}
