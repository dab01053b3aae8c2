package org.sparsevit4j.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.core.Json;
import org.sparsevit4j.results.AblationResult.Budget;
import org.sparsevit4j.results.AblationResult.ConfigPoint;
import org.sparsevit4j.results.AblationResult.CurvePoint;
import org.sparsevit4j.results.AblationResult.ResolutionPoint;
import org.sparsevit4j.results.AblationResult.SeedRun;
import org.sparsevit4j.results.AblationResult.Stat;

class AblationSummaryTest {

    @TempDir
    Path dir;

    private static ConfigPoint config(double ratio, double metric) {
        return new ConfigPoint(List.of(List.of(ratio, ratio), List.of(ratio, ratio)), 1000, 0.5, null, metric - 0.01,
                metric);
    }

    /** Two seeds at one budget: searched 0.80 and 0.82, random 0.79 and 0.80, downsampled 0.60 and 0.61, uniform 0.75. */
    static AblationResult example() {
        List<CurvePoint> saa = new ArrayList<>();
        List<CurvePoint> dense = new ArrayList<>();
        for (int level = 0; level <= 8; level++) {
            double r = level / 10.0;
            saa.add(new CurvePoint(r, 2000 - 200 * level, 1 - r, null, 0.85 - 0.02 * level));
            dense.add(new CurvePoint(r, 2000 - 200 * level, 1 - r, null, 0.86 - 0.08 * level));
        }
        List<SeedRun> seeds = List.of(
                new SeedRun(1, config(0.5, 0.80), config(0.5, 0.79), 24, new ResolutionPoint(152, 152, 900, 0.45, 0.60)),
                new SeedRun(2, config(0.4, 0.82), config(0.5, 0.80), 24, new ResolutionPoint(152, 152, 900, 0.45, 0.61)));
        Budget b = new Budget(0.5, 1000L, null, seeds, config(0.5, 0.75), Stat.of(List.of(0.80, 0.82)),
                Stat.of(List.of(0.79, 0.80)), Stat.of(List.of(0.60, 0.61)), Stat.of(List.of(0.05, 0.07)),
                Stat.of(List.of(0.01, 0.02)), Stat.of(List.of(0.20, 0.21)));
        return new AblationResult(AblationResult.FORMAT, "miou", "tiny", 224, 224, 2000, "macs",
                new AblationResult.Curves(saa, dense, 100), List.of(b), List.of(new ResolutionPoint(152, 152, 900,
                        0.45, 0.60)), Map.of("seeds", 2), Map.of("tool", "test"));
    }

    @Test
    void statsAreTheMeanAndTheSampleStandardDeviation() {
        Stat s = Stat.of(List.of(1.0, 2.0, 3.0));
        assertEquals(2, s.mean(), 1e-12);
        assertEquals(1, s.std(), 1e-12);
        assertEquals(3, s.n());
        assertEquals(0, Stat.of(List.of(5.0)).std());
    }

    @Test
    void aDifferenceHoldsOnlyWhenItsWholeBandIsAboveZero() {
        assertEquals("holds", AblationSummary.verdict(new Stat(0.02, 0.01, 3)));
        assertEquals("inconclusive", AblationSummary.verdict(new Stat(0.01, 0.02, 3)));
        assertEquals("reversed", AblationSummary.verdict(new Stat(-0.03, 0.01, 3)));
        assertEquals("one seed, no finding", AblationSummary.verdict(new Stat(0.5, 0, 1)));
    }

    @Test
    void tablesAndClaimsCarryTheFigures() {
        AblationResult r = example();
        List<String> budgets = AblationSummary.budgetTable(r);
        assertEquals(3, budgets.size());
        assertEquals("| 0.5x MACs | 0.8100 ± 0.0141 | 0.7500 (0.5) | 0.7950 ± 0.0071 | 0.6050 ± 0.0071 (152x152) "
                + "| +6.00 ± 1.41 | +1.50 ± 0.71 | +20.50 ± 0.71 |", budgets.get(2));
        List<String> claims = AblationSummary.claims(r);
        assertTrue(claims.get(0).startsWith("(a) at uniform 0.6 the SAA supernet loses 12.0 points of miou"),
                claims.get(0));
        assertTrue(claims.get(0).contains("the model trained dense 48.0"), claims.get(0));
        // SAA loses 12 points, more than the bar's 3, so the bar is not met although SAA keeps more
        assertTrue(claims.get(0).contains("SAA keeps more; the bar (trained dense loses at least 10 points, SAA at most"
                + " 3) is not met"), claims.get(0));
        assertTrue(claims.get(1).endsWith("0.5x: +6.00 ± 1.41 points, holds"), claims.get(1));
        assertEquals(11, AblationSummary.curveTable(r).size());
    }

    @Test
    void aDownsampledInputThatCostsMoreThanTheChosenConfigurationIsNotCompared() {
        AblationResult r = example();
        Budget b = r.budgets().get(0);
        SeedRun over = new SeedRun(3, config(0.5, 0.81), config(0.5, 0.80), 24, new ResolutionPoint(4, 4, 1500, 0.75,
                0.10));
        assertTrue(AblationSummary.downsamplingReaches(b.seeds().get(0)));
        assertTrue(!AblationSummary.downsamplingReaches(over));
        Budget three = new Budget(b.fraction(), b.maxMacs(), null, List.of(b.seeds().get(0), b.seeds().get(1), over),
                b.bestUniform(), b.chosen(), b.random(), b.downsampled(), b.chosenMinusUniform(),
                b.evolutionMinusRandom(), b.chosenMinusDownsampled());
        AblationResult withOver = new AblationResult(r.format(), r.metricName(), r.data(), r.height(), r.width(),
                r.denseMacs(), r.budgetKind(), r.curves(), List.of(three), r.downsampling(), r.settings(),
                r.provenance());
        assertTrue(AblationSummary.budgetTable(withOver).get(2).contains("(152x152; 1 of 3 seeds: no input costs as "
                + "little)"), AblationSummary.budgetTable(withOver).get(2));
        assertEquals("nothing to compare", AblationSummary.verdict(Stat.of(List.of())));
    }

    @Test
    void theReportWritesTheJsonAndASelfContainedPage() throws Exception {
        AblationReport.Written w = AblationReport.write(dir, example());
        AblationResult back = Json.read(w.json(), AblationResult.class);
        assertEquals(example().budgets(), back.budgets());
        String html = Files.readString(w.html());
        assertTrue(html.contains("<svg"), "charts inline");
        assertTrue(html.contains("searched beats the best uniform"), "the claims");
        assertTrue(!html.contains("src=\"http") && !html.contains("href=\"http"), "nothing fetched");
    }
}
