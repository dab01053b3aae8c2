package org.sparsevit4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SparsityConfigJson;
import org.sparsevit4j.search.ConfigEvaluator;
import org.sparsevit4j.search.EvolutionarySearch;
import org.sparsevit4j.search.MacLimit;
import org.sparsevit4j.search.SearchBudget;
import org.sparsevit4j.search.SearchResult;
import org.sparsevit4j.search.SearchSettings;

/** {@code sparsevit report} on the run folder of a small search with a synthetic metric (no model needed). */
class ReportCommandTest {

    @TempDir
    static Path shared;

    private static Path run;
    private static SearchResult result;

    @TempDir
    Path dir;

    @BeforeAll
    static void search() {
        run = shared.resolve("run");
        SearchSettings settings = SearchSettings.builder(ArchitectureSpec.preset("swin_t"), 224, 224)
                .budget(SearchBudget.ofMacs(MacLimit.parse("0.7x"))).population(12).generations(2).seed(5).build();
        // accuracy falls with the square of each block's level
        ConfigEvaluator fitness = config -> 0.9 - config.ratios().stream().flatMap(List::stream)
                .mapToDouble(r -> r * r).sum() / 20;
        result = EvolutionarySearch.run(settings, fitness, null, run, null);
    }

    @Test
    void writesTheReportAndPrintsItsPath() throws Exception {
        CliRunner.Result r = CliRunner.run("report", run.toString());
        assertEquals(0, r.exit(), r.err());
        Path report = run.resolve("report.html").toAbsolutePath();
        assertEquals(report.toString(), r.out().strip());
        String html = Files.readString(report);
        assertTrue(html.contains("<svg"), "charts inline");
        assertEquals(result.paretoFront().size(), html.split("<tr class=\"front-member", -1).length - 1);
        assertTrue(Files.exists(run.resolve("plots/pareto-macs.png")));
        assertTrue(Files.exists(run.resolve("plots/layer-sparsity.svg")));
    }

    @Test
    void bestJsonIsAConfigurationForTheOtherCommands() throws Exception {
        CliRunner.Result r = CliRunner.run("macs", "--arch", "swin_t", "--resolution", "224", "--config",
                run.resolve("best.json").toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        SparsityConfig best = result.best().config();
        assertTrue(r.out().contains("\"ratios\""), r.out());
        assertEquals(best, SparsityConfigJson.parse("{\"ratios\": " + new ObjectMapper().readTree(r.out()).get("ratios")
                + "}", "out"));
    }

    @Test
    void badRunFoldersExitTwoWithOneLineNamingTheFileAndWriteNothing() throws Exception {
        Path missing = dir.resolve("missing");
        assertBadInput(missing, missing + ": no such run folder");

        Path noPareto = copy("no-pareto");
        Files.delete(noPareto.resolve("pareto.json"));
        assertBadInput(noPareto, noPareto.resolve("pareto.json") + ": no such file");

        Path malformed = copy("malformed");
        Files.writeString(malformed.resolve("pareto.json"), "{\"front\": [");
        assertBadInput(malformed, malformed.resolve("pareto.json") + ": invalid JSON at line 1");
    }

    private void assertBadInput(Path runDir, String messageStart) {
        CliRunner.Result r = CliRunner.run("report", runDir.toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("sparsevit: " + messageStart), r.err());
        assertFalse(Files.exists(runDir.resolve("report.html")));
        assertFalse(Files.exists(runDir.resolve("plots")));
    }

    private Path copy(String name) throws Exception {
        Path copy = Files.createDirectories(dir.resolve(name));
        for (String file : new String[] {"best.json", "pareto.json", "baselines.json", "generations.csv"}) {
            Files.copy(run.resolve(file), copy.resolve(file));
        }
        return copy;
    }
}
