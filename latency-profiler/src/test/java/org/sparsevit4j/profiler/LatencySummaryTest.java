package org.sparsevit4j.profiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    @Test
    void statisticsMatchNumpyOnAHandExample() {
        // numpy: median 4.5, percentile(90) 10.6, std(ddof=1) 5.66789..., IQR 3.5 (linear interpolation)
        LatencySummary s = LatencySummary.of(new double[] {7, 1, 3, 2, 5, 4, 6, 19});
        assertEquals(4.5, s.medianMs(), 1e-12);
        assertEquals(10.6, s.p90Ms(), 1e-9);
        assertEquals(5.667892024377317, s.stdMs(), 1e-12);
        assertEquals(1, s.minMs());
        assertEquals(19, s.maxMs());
        assertEquals(3.5, s.iqrMs(), 1e-12);
        assertEquals((3 + 4 + 5 + 6) / 4.0, s.iqmMs(), 1e-12, "mean of the middle half, the outlier 19 dropped");
        assertEquals(8, s.n());
    }

    @Test
    void aSinglePassHasNoSpread() {
        LatencySummary s = LatencySummary.of(new double[] {3});
        assertEquals(3, s.medianMs());
        assertEquals(3, s.iqmMs());
        assertEquals(0, s.stdMs());
        assertEquals(0, s.relativeSpread());
    }

    @Test
    void noiseIsTheInterquartileRangeOverTheMedian() {
        LatencySummary steady = LatencySummary.of(new double[] {100, 101, 99, 100, 102, 98});
        LatencySummary noisy = LatencySummary.of(new double[] {100, 140, 70, 100, 150, 60});
        assertFalse(steady.noisierThan(0.10));
        assertTrue(noisy.noisierThan(0.10), "spread " + noisy.relativeSpread());
    }
}
