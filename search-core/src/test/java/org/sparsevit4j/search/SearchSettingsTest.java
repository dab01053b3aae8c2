package org.sparsevit4j.search;

import org.sparsevit4j.core.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.Granularity;

class SearchSettingsTest {

    private static final ArchitectureSpec SWIN_T = ArchitectureSpec.preset("swin_t");

    @Test
    void defaultsAreThePapers() {
        SearchSettings s = SearchSettings.builder(SWIN_T, 672, 672).build();
        assertEquals(100, s.population());
        assertEquals(25, s.parents());
        assertEquals(50, s.mutants());
        assertEquals(50, s.crossovers());
        assertEquals(1, s.elites());
        assertEquals(0.1, s.mutationProbability());
        assertEquals(Granularity.PAIR, s.granularity());
        assertEquals(CostObjective.MACS, s.costObjective());
    }

    @Test
    void countsScaleWithThePopulationUnlessSet() {
        SearchSettings s = SearchSettings.builder(SWIN_T, 224, 224).population(40).build();
        assertEquals(10, s.parents());
        assertEquals(20, s.mutants());
        assertEquals(20, s.crossovers());
        SearchSettings t = SearchSettings.builder(SWIN_T, 224, 224).population(41).parents(7).mutants(30).build();
        assertEquals(7, t.parents());
        assertEquals(30, t.mutants());
        assertEquals(21, t.crossovers());
        assertEquals(2, SearchSettings.builder(SWIN_T, 224, 224).population(4).build().parents(), "crossover needs two");
    }

    @Test
    void aLatencyBudgetMakesLatencyTheCostObjective() {
        SearchSettings s = SearchSettings.builder(SWIN_T, 224, 224).budget(new SearchBudget(null, 40.0, null)).build();
        assertEquals(CostObjective.LATENCY, s.costObjective());
    }

    @Test
    void badValuesAreRejectedWithTheRule() {
        SearchSettings.Builder b = SearchSettings.builder(SWIN_T, 224, 224);
        assertEquals("population 1 must be at least 2",
                assertThrows(InvalidInputException.class, () -> b.population(1)).getMessage());
        assertEquals("mutation probability 1.5 must be in [0, 1]",
                assertThrows(InvalidInputException.class, () -> b.mutationProbability(1.5)).getMessage());
        assertEquals("parents 30 must not exceed the population 20", assertThrows(InvalidInputException.class,
                () -> SearchSettings.builder(SWIN_T, 224, 224).population(20).parents(30).build()).getMessage());
        assertEquals("parents 1 must be at least 2 when crossovers is 50; a crossover needs two parents",
                assertThrows(InvalidInputException.class,
                        () -> SearchSettings.builder(SWIN_T, 224, 224).parents(1).build()).getMessage());
        assertEquals("mutants 0 + crossovers 0 must be at least 1; a generation needs children",
                assertThrows(InvalidInputException.class,
                        () -> SearchSettings.builder(SWIN_T, 224, 224).mutants(0).crossovers(0).build()).getMessage());
        assertEquals("max evaluations 50 must be 0 (no cap) or at least the population 100",
                assertThrows(InvalidInputException.class,
                        () -> SearchSettings.builder(SWIN_T, 224, 224).maxEvaluations(50).build()).getMessage());
        assertEquals("elites 26 must not exceed the parents 25", assertThrows(InvalidInputException.class,
                () -> SearchSettings.builder(SWIN_T, 224, 224).elites(26).build()).getMessage());
        assertThrows(InvalidInputException.class, () -> SearchSettings.builder(SWIN_T, 2, 224));
    }

    @Test
    void settingsRoundTripThroughJson() {
        SearchSettings s = SearchSettings.builder(SWIN_T.withNumClasses(21), 512, 640)
                .granularity(Granularity.BLOCK).population(60).elites(3).mutationProbability(0.25).generations(7)
                .maxEvaluations(900).seed(-12345678901L).budget(new SearchBudget(MacLimit.parse("0.45x"), 40.5, 31.0))
                .pareto(true).costObjective(CostObjective.MACS).maxDrawAttempts(500).baselines(false)
                .hypervolumeReferenceMetric(0.25).build();
        assertEquals(s, Json.parse(Json.write(s), SearchSettings.class, "test"));
        assertEquals(s, s.toBuilder().build());
    }
}
