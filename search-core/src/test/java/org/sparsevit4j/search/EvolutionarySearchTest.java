package org.sparsevit4j.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.MacCounter;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SparsityConfigJson;
import org.sparsevit4j.core.GeneLayout;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.core.SparsityCodec;

class EvolutionarySearchTest {

    private static final ArchitectureSpec SWIN_T = ArchitectureSpec.preset("swin_t");

    @TempDir
    Path tmp;

    static SearchSettings.Builder settings() {
        return SearchSettings.builder(SWIN_T, 224, 224)
                .budget(SearchBudget.ofMacs(MacLimit.parse("0.6x")))
                .generations(8)
                .seed(42);
    }

    private static RecordingEvaluator recording(SearchSettings s, boolean reversed) {
        long max = MacLimit.parse("0.6x").resolve(MacCounter.count(SWIN_T, 224, 224, SparsityConfig.dense(SWIN_T)).backbone());
        // the uniform baseline evaluates its configurations over the budget too, as reference points; nothing else may
        return new RecordingEvaluator(new SyntheticFitness(),
                c -> s.budget().maxMacs() == null || MacCounter.count(SWIN_T, 224, 224, c).backbone() <= max
                        || isUniform(c), reversed);
    }

    private static boolean isUniform(SparsityConfig c) {
        return c.ratios().stream().flatMap(List::stream).distinct().count() == 1;
    }

    @Test
    void neverEvaluatesAnInfeasibleOrRepeatedConfigAndCountsUniqueEvaluations() {
        SearchSettings s = settings().build();
        RecordingEvaluator evaluator = recording(s, false);
        List<GenerationReport> reports = new ArrayList<>();
        SearchResult result = EvolutionarySearch.run(s, evaluator, null, tmp.resolve("run"), reports::add);
        assertEquals(evaluator.calls(), result.totalEvaluations());
        assertTrue(result.uniqueEvaluations() <= 100 + 8 * 100);
        assertTrue(result.uniqueEvaluations() > 300, "children are mostly new: " + result.uniqueEvaluations());
        assertEquals(9, reports.size());
        assertEquals(reports, result.history());
        for (int g = 0; g < reports.size(); g++) {
            GenerationReport r = reports.get(g);
            assertEquals(g, r.generation());
            assertTrue(r.feasibleRate() > 0 && r.feasibleRate() <= 1);
            if (g > 0) {
                assertTrue(r.bestMetric() >= reports.get(g - 1).bestMetric(), "elitism keeps the best");
                assertTrue(r.hypervolume() >= reports.get(g - 1).hypervolume(), "the archive only grows");
            }
        }
        assertTrue(result.best().costs().macs() <= MacLimit.parse("0.6x").resolve(new MacCostTable(
                new GeneLayout(SWIN_T, Granularity.PAIR), 224, 224).denseMacs()));
        assertNotNull(result.baselines());
        assertEquals(result.uniqueEvaluations(), result.baselines().randomEvaluations());
        assertTrue(result.best().metric() >= result.baselines().bestUniform().metric());
    }

    @Test
    void theSameSeedGivesTheSameResultAndFilesWhateverOrderABatchIsComputedIn() throws IOException {
        SearchSettings one = settings().build();
        SearchResult a = EvolutionarySearch.run(one, recording(one, false), null, tmp.resolve("a"), null);
        SearchResult b = EvolutionarySearch.run(one, recording(one, true), null, tmp.resolve("b"), null);
        assertEquals(a, b);
        assertEquals(files(tmp.resolve("a")), files(tmp.resolve("b")));
        SearchResult other = EvolutionarySearch.run(settings().seed(43).build(), new SyntheticFitness(), null,
                tmp.resolve("c"), null);
        assertFalse(a.history().equals(other.history()), "another seed draws another population");
    }

    @Test
    void writesTheResultFiles() throws IOException {
        Path dir = tmp.resolve("run");
        SearchResult result = EvolutionarySearch.run(settings().generations(3).build(), new SyntheticFitness(), null, dir, null);
        for (String name : List.of("search-state.json", "best.json", "best-config.json", "pareto.json", "pareto.csv",
                "candidates.csv", "generations.csv", "baselines.json", "provenance.json")) {
            assertTrue(Files.isRegularFile(dir.resolve(name)), name);
        }
        assertEquals(result.best().config(), SparsityConfigJson.read(dir.resolve("best-config.json"), SWIN_T));
        JsonNode best = new ObjectMapper().readTree(dir.resolve("best.json").toFile());
        List<String> keys = new ArrayList<>();
        best.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("feasible", "format", "generation", "genes", "gmacs", "index", "latencyMs", "macFraction", "macs",
                "measuredLatencyMs", "metric", "metricName", "origin", "predictedLatencyMs", "provenance", "ratios"), keys);
        assertSortedKeys(best, "best.json");
        assertTrue(best.get("feasible").asBoolean());
        assertEquals(6, best.get("genes").size(), "Swin-T has 6 pair genes");
        assertEquals(result.best().config(), SparsityConfigJson.read(dir.resolve("best.json"), SWIN_T),
                "best.json is itself a --config file");
        assertTrue(best.get("measuredLatencyMs").isNull(), "nothing measured without a meter");
        assertEquals(result.best().metric(), best.get("metric").asDouble());
        assertEquals(42, best.get("provenance").get("seed").asLong());
        assertEquals("sparsevit4j", best.get("provenance").get("tool").asText());
        assertEquals("8.3.0", best.get("provenance").get("jenetics").asText());
        assertEquals("pair", best.get("provenance").get("settings").get("granularity").asText());
        List<String> candidates = Files.readAllLines(dir.resolve("candidates.csv"));
        assertEquals("index,origin,generation,metric,macs,gmacs,latency_ms,ratios,mac_fraction,measured_latency_ms,genes,feasible", candidates.get(0));
        assertTrue(candidates.get(0).startsWith("index,origin,generation,metric,macs,gmacs,latency_ms,ratios,"
                + "mac_fraction,measured_latency_ms,"), "earlier columns keep their order");
        assertTrue(candidates.get(0).endsWith(",genes,feasible"));
        assertEquals(result.totalEvaluations() + 1, candidates.size());
        for (String row : candidates.subList(1, candidates.size())) {
            boolean uniform = row.split(",")[1].equals("uniform");
            assertTrue(row.matches(".*,[0-8]( [0-8]){5}," + (uniform ? "(true|false)" : "true")),
                    "six genes, feasible unless a uniform reference: " + row);
        }
        assertTrue(candidates.stream().anyMatch(r -> r.contains(",uniform,") && r.endsWith(",0 0 0 0 0 0,false")),
                "the dense model is evaluated as a reference, over the budget");
        assertEquals(result.paretoFront().size() + 1, Files.readAllLines(dir.resolve("pareto.csv")).size());
        JsonNode pareto = new ObjectMapper().readTree(dir.resolve("pareto.json").toFile());
        assertSortedKeys(pareto, "pareto.json");
        assertSortedKeys(new ObjectMapper().readTree(dir.resolve("baselines.json").toFile()), "baselines.json");
        assertSortedKeys(new ObjectMapper().readTree(dir.resolve("provenance.json").toFile()), "provenance.json");
        assertEquals(result.hypervolume(), pareto.get("hypervolume").asDouble());
        assertEquals(result.paretoFront().size(), pareto.get("front").size());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.filter(p -> p.getFileName().toString().endsWith(".tmp")).count(), "no temp files left");
        }
    }

    @Test
    void provenanceNamesTheBuildTheMachineAndWhatTheEvaluatorAdds() throws IOException {
        var environment = new ObjectMapper().createObjectNode().put("device", "cpu()");
        environment.putObject("checkpoint").put("sha256", "ab12");
        ConfigEvaluator withEnvironment = withProvenance(new SyntheticFitness(), environment);
        Path dir = tmp.resolve("run");
        EvolutionarySearch.run(settings().generations(1).build(), withEnvironment, null, dir, null);
        JsonNode p = new ObjectMapper().readTree(dir.resolve("best.json").toFile()).get("provenance");
        assertEquals("ab12", p.get("checkpoint").get("sha256").asText());
        assertEquals("cpu()", p.get("device").asText());
        assertTrue(p.get("gitCommit").asText().matches("[0-9a-f]{40}|unknown"), p.get("gitCommit").asText());
        assertTrue(p.get("gitDirty").asText().matches("true|false|unknown"), p.get("gitDirty").asText());
        assertEquals(System.getProperty("os.name"), p.get("os").get("name").asText());
        assertEquals(Runtime.getRuntime().availableProcessors(), p.get("cpu").get("logicalCores").asInt());
        assertFalse(p.get("cpu").get("model").asText().isBlank());
        assertEquals(System.getProperty("java.version"), p.get("java").asText());
        assertTrue(p.get("toolVersion").asText().matches("\\d+\\.\\d+\\.\\d+.*"),
                "the build recorded its version: " + p.get("toolVersion"));
        assertEquals(p, new ObjectMapper().readTree(dir.resolve("provenance.json").toFile()));
    }

    @Test
    void anEvaluatorProvenanceThatOverwritesTheSearchsOwnFailsBeforeEvaluating() {
        RecordingEvaluator inner = recording(settings().build(), false);
        ConfigEvaluator clashing = withProvenance(inner, new ObjectMapper().createObjectNode().put("seed", 7));
        var e = assertThrows(IllegalArgumentException.class,
                () -> EvolutionarySearch.run(settings().build(), clashing, null, tmp.resolve("run"), null));
        assertTrue(e.getMessage().contains("\"seed\""), e.getMessage());
        assertEquals(0, inner.calls());
    }

    /** {@code inner}, telling {@code provenance} about itself. */
    private static ConfigEvaluator withProvenance(ConfigEvaluator inner,
            com.fasterxml.jackson.databind.node.ObjectNode provenance) {
        return new ConfigEvaluator() {
            @Override
            public double evaluate(SparsityConfig config) {
                return inner.evaluate(config);
            }

            @Override
            public com.fasterxml.jackson.databind.node.ObjectNode provenance() {
                return provenance.deepCopy();
            }
        };
    }

    /** Keys in ascending order in every object of the tree, so that two runs' files diff line by line. */
    static void assertSortedKeys(JsonNode node, String where) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            assertEquals(keys.stream().sorted().toList(), keys, where);
            node.properties().forEach(e -> assertSortedKeys(e.getValue(), where + "." + e.getKey()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                assertSortedKeys(node.get(i), where + "[" + i + "]");
            }
        }
    }

    @Test
    void aMeterMeasuresTheBestAndTheFrontOnce(@TempDir Path tmp) throws IOException {
        List<SparsityConfig> measured = new ArrayList<>();
        LatencyMeter meter = config -> {
            measured.add(config);
            return 100.0 + measured.size();
        };
        Path dir = tmp.resolve("run");
        SearchResult result = EvolutionarySearch.run(settings().generations(2).build(), new SyntheticFitness(), null,
                meter, dir, null);
        assertEquals(result.best().config(), measured.get(0), "the best is measured first");
        assertEquals(measured.size(), new java.util.HashSet<>(measured).size(), "each configuration once");
        assertTrue(measured.containsAll(result.paretoFront().stream().map(Candidate::config).toList()));
        JsonNode best = new ObjectMapper().readTree(dir.resolve("best.json").toFile());
        assertEquals(101.0, best.get("measuredLatencyMs").asDouble());
        assertEquals(result.best().costs().macs() / (double) best.get("provenance").get("denseMacs").asLong(),
                best.get("macFraction").asDouble(), 1e-12);
    }

    @Test
    void anImpossibleBudgetFailsBeforeAnyEvaluation() {
        SearchSettings s = settings().budget(SearchBudget.ofMacs(MacLimit.parse("0.05"))).build();
        RecordingEvaluator evaluator = recording(s, false);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> EvolutionarySearch.run(s, evaluator, null, tmp.resolve("run"), null));
        assertTrue(e.getMessage().startsWith("max MACs 0.05 GMACs (0.050 GMACs) is below the sparsest configuration"),
                e.getMessage());
        assertEquals(0, evaluator.calls());
        assertThrows(InvalidInputException.class, () -> EvolutionarySearch.checkBudget(s, null));
    }

    @Test
    void aTinyFeasibleRegionHitsTheDrawCapInsteadOfHanging() {
        long sparsest = new MacCostTable(new GeneLayout(SWIN_T, Granularity.PAIR), 224, 224).sparsestMacs();
        SearchSettings s = settings().budget(SearchBudget.ofMacs(MacLimit.gmacs((sparsest + 1) / 1e9)))
                .maxDrawAttempts(1000).build();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> EvolutionarySearch.run(s, new SyntheticFitness(), null, tmp.resolve("run"), null));
        assertTrue(e.getMessage().contains("no initial configuration met it in 1000 draws"), e.getMessage());
    }

    @Test
    void aBudgetEveryConfigMeetsIsSearchedWithAWarning() {
        List<String> warnings = new ArrayList<>();
        SearchListener listener = new SearchListener() {
            @Override
            public void onGeneration(GenerationReport report) {
            }

            @Override
            public void onWarning(String message) {
                warnings.add(message);
            }
        };
        SearchResult r = EvolutionarySearch.run(settings().budget(SearchBudget.ofMacs(MacLimit.parse("2x")))
                .generations(15).baselines(false).build(), new SyntheticFitness(), null, tmp.resolve("run"), listener);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("met by every configuration"));
        assertEquals(SparsityConfig.dense(SWIN_T), r.best().config());
        assertEquals(null, r.baselines());
    }

    @Test
    void theEvaluationCapIsExact() {
        SearchSettings s = settings().generations(1000).maxEvaluations(777).baselines(false).build();
        RecordingEvaluator evaluator = recording(s, false);
        SearchResult r = EvolutionarySearch.run(s, evaluator, null, tmp.resolve("run"), null);
        assertEquals(777, r.uniqueEvaluations());
        assertEquals(777, evaluator.calls());
        assertTrue(r.generations() >= 7, "generations " + r.generations());
    }

    @Test
    void aUsedRunDirectoryIsRefusedAndAFinishedRunResumesAsItIs() {
        Path dir = tmp.resolve("run");
        SearchSettings s = settings().generations(2).build();
        SearchResult first = EvolutionarySearch.run(s, new SyntheticFitness(), null, dir, null);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> EvolutionarySearch.run(s, new SyntheticFitness(), null, dir, null));
        assertTrue(e.getMessage().endsWith("already holds a search (search-state.json); resume it or choose another run directory"));
        RecordingEvaluator none = recording(s, false);
        assertEquals(first, EvolutionarySearch.resume(dir, none, null, null));
        assertEquals(0, none.calls(), "a finished run evaluates nothing when resumed");
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> EvolutionarySearch.resume(tmp.resolve("nothing"), new SyntheticFitness(), null, null));
        assertTrue(missing.getMessage().contains("no search-state.json"), missing.getMessage());
    }

    @Test
    void paretoModeKeepsANonDominatedFrontAndAGrowingHypervolume() {
        SearchSettings s = settings().pareto(true).generations(10).build();
        SearchResult r = EvolutionarySearch.run(s, recording(s, false), null, tmp.resolve("run"), null);
        List<Candidate> front = r.paretoFront();
        assertTrue(front.size() > 5, "front size " + front.size());
        for (int i = 1; i < front.size(); i++) {
            assertTrue(front.get(i).costs().macs() >= front.get(i - 1).costs().macs(), "cheapest first");
            assertTrue(front.get(i).metric() > front.get(i - 1).metric(), "non-dominated: dearer must score higher");
        }
        for (int g = 1; g < r.history().size(); g++) {
            assertTrue(r.history().get(g).hypervolume() >= r.history().get(g - 1).hypervolume());
        }
        assertTrue(r.hypervolume() > r.baselines().randomHypervolume(),
                "NSGA-II " + r.hypervolume() + " vs random " + r.baselines().randomHypervolume());
    }

    @Test
    void aLatencyBudgetUsesTheCostModel() {
        SparsityCodec codec = new SparsityCodec(new GeneLayout(SWIN_T, Granularity.PAIR));
        MacCostTable macs = new MacCostTable(codec.layout(), 224, 224);
        CostModel latency = config -> 2.0 + macs.macs(codec.encode(config)) / 1e9;
        SearchSettings s = settings().budget(new SearchBudget(null, 5.0, 4.0)).generations(4).build();
        assertEquals(CostObjective.LATENCY, s.costObjective());
        SearchResult r = EvolutionarySearch.run(s, new SyntheticFitness(), latency, tmp.resolve("run"), null);
        for (Candidate c : r.paretoFront()) {
            assertTrue(c.costs().latencyMs() >= 4.0 && c.costs().latencyMs() <= 5.0, c.toString());
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> EvolutionarySearch.run(s, new SyntheticFitness(), null, tmp.resolve("other"), null));
        assertTrue(e.getMessage().contains("needs a latency cost model"), e.getMessage());
    }

    static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                out.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        return out;
    }
}
