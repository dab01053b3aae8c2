package org.sparsevit4j.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.Genome;
import org.sparsevit4j.core.GeneLayout;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.core.SparsityCodec;

class BudgetTest {

    private static final ArchitectureSpec SWIN_T = ArchitectureSpec.preset("swin_t");
    private static final SparsityCodec CODEC = new SparsityCodec(new GeneLayout(SWIN_T, Granularity.PAIR));
    private static final MacCostTable MACS = new MacCostTable(CODEC.layout(), 672, 672);
    /** A latency model proportional to MACs: 1 ms per GMAC. */
    private static final CostModel LATENCY = config -> MACS.macs(CODEC.encode(config)) / 1e9;

    @Test
    void parsesBothMacForms() {
        assertEquals(new MacLimit(new BigDecimal("0.6"), true), MacLimit.parse("0.6x"));
        assertEquals(new MacLimit(new BigDecimal("0.6"), true), MacLimit.parse(" 0.60X "));
        assertEquals(new MacLimit(new BigDecimal("3.2"), false), MacLimit.parse("3.2"));
        assertEquals(new MacLimit(new BigDecimal("3.2"), false), MacLimit.parse("3.2G"));
        assertEquals("0.6x", MacLimit.parse("0.6x").text());
        assertEquals("32", MacLimit.parse("32.0").text());
        assertEquals(MacLimit.parse("0.6x"), MacLimit.parse(MacLimit.parse("0.6x").text()));
    }

    @Test
    void resolvesExactlyAgainstDense() {
        long dense = 40_408_187_904L;
        assertEquals(24_244_912_742L, MacLimit.parse("0.6x").resolve(dense), "floor(0.6 * dense), no float error");
        assertEquals(3_200_000_000L, MacLimit.parse("3.2").resolve(dense));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "abc", "0.6xx", "-1", "0", "0x", "1e400000000000"})
    void rejectsBadMacText(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> MacLimit.parse(text));
        assertTrue(e.getMessage().startsWith("max MACs"), e.getMessage());
    }

    @Test
    void minLatencyAboveMaxIsRejectedWithBothNumbers() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new SearchBudget(null, 40.0, 50.0));
        assertEquals("min latency 50.0 ms is above max latency 40.0 ms; no configuration can meet both", e.getMessage());
    }

    @Test
    void aMacCeilingBelowTheSparsestConfigFailsAtOnceWithBothNumbers() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> BudgetCheck.resolve(SearchBudget.ofMacs(MacLimit.parse("0.1x")), CODEC, MACS, null));
        assertEquals("max MACs 0.1x dense (4.041 GMACs) is below the sparsest configuration (every ratio 0.8) at "
                + BudgetCheck.gmacs(MACS.sparsestMacs()) + " GMACs; no configuration can meet it", e.getMessage());
    }

    @Test
    void latencyBoundsOutsideTheModelsRangeFailAtOnce() {
        double sparsest = MACS.sparsestMacs() / 1e9;
        double dense = MACS.denseMacs() / 1e9;
        InvalidInputException tooFast = assertThrows(InvalidInputException.class, () -> BudgetCheck.resolve(
                new SearchBudget(null, sparsest - 1, null), CODEC, MACS, LATENCY));
        assertTrue(tooFast.getMessage().startsWith("max latency " + BudgetCheck.ms(sparsest - 1)
                + " ms is below the fastest uniform configuration's (every ratio 0.8) predicted "
                + BudgetCheck.ms(sparsest)), tooFast.getMessage());
        InvalidInputException tooSlow = assertThrows(InvalidInputException.class, () -> BudgetCheck.resolve(
                new SearchBudget(null, null, dense + 1), CODEC, MACS, LATENCY));
        assertTrue(tooSlow.getMessage().startsWith("min latency " + BudgetCheck.ms(dense + 1)
                + " ms is above the slowest uniform configuration's (every ratio 0.0) predicted " + BudgetCheck.ms(dense)),
                tooSlow.getMessage());
        InvalidInputException noModel = assertThrows(InvalidInputException.class, () -> BudgetCheck.resolve(
                new SearchBudget(null, 30.0, null), CODEC, MACS, null));
        assertTrue(noModel.getMessage().contains("needs a latency cost model"), noModel.getMessage());
    }

    @Test
    void aLatencyThatRisesWithSparsityIsCheckedAgainstTheFastestUniformConfiguration() {
        // a GPU at batch 1: gathering windows costs more than it saves, so 0.3 is the fastest and 0.8 slow
        CostModel gpu = config -> {
            double level = config.level(0, 0);
            return 10 + Math.abs(level - 3);
        };
        BudgetCheck check = BudgetCheck.resolve(new SearchBudget(null, 11.0, null), CODEC, MACS, gpu);
        assertTrue(check.costsIfFeasible(CODEC.uniform(3)) != null);
        assertNull(check.costsIfFeasible(CODEC.uniform(8)), "the sparsest is the slowest here");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> BudgetCheck.resolve(
                new SearchBudget(null, 9.0, null), CODEC, MACS, gpu));
        assertTrue(e.getMessage().contains("fastest uniform configuration's (every ratio 0.3) predicted 10.000 ms"),
                e.getMessage());
    }

    @Test
    void aBudgetEveryConfigMeetsGivesAWarning() {
        assertEquals(List.of(), BudgetCheck.resolve(SearchBudget.ofMacs(MacLimit.parse("0.6x")), CODEC, MACS, null).warnings());
        List<String> warnings = BudgetCheck.resolve(SearchBudget.ofMacs(MacLimit.parse("1.5x")), CODEC, MACS, null).warnings();
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("is met by every configuration"), warnings.get(0));
        assertEquals(1, BudgetCheck.resolve(SearchBudget.none(), CODEC, MACS, null).warnings().size());
    }

    @Test
    void feasibilityChecksEveryBound() {
        SearchBudget window = new SearchBudget(MacLimit.parse("0.8x"), 30.0, 25.0);
        BudgetCheck check = BudgetCheck.resolve(window, CODEC, MACS, LATENCY);
        Genome dense = CODEC.uniform(0);
        assertNull(check.costsIfFeasible(dense));
        assertNull(check.costsIfFeasible(CODEC.uniform(8)), "below the latency floor");
        Genome paper = CODEC.encode(SparsityConfig.ofRatios(List.of(
                List.of(0.6, 0.6), List.of(0.0, 0.0), List.of(0.2, 0.2, 0.4, 0.4, 0.5, 0.5), List.of(0.0, 0.0))));
        CandidateCosts costs = check.costsIfFeasible(paper);
        assertNotNull(costs);
        assertEquals(MACS.macs(paper), costs.macs());
        assertEquals(MACS.macs(paper) / 1e9, costs.latencyMs());
    }
}
