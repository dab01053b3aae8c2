package org.sparsevit4j.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChartStyleTest {

    @Test
    void tickLabelsHaveFourSignificantDigitsAndNoTrailingZeros() {
        assertEquals("0.01032", ChartStyle.tickLabel(0.010318593597063));
        assertEquals("0.7", ChartStyle.tickLabel(0.7000000000000001));
        assertEquals("12", ChartStyle.tickLabel(12.0));
        assertEquals("-0.25", ChartStyle.tickLabel(-0.25));
        assertEquals("0", ChartStyle.tickLabel(0));
        assertEquals("1.235e+07", ChartStyle.tickLabel(12_345_678));
    }

    @Test
    void equalValuesGetAMarginSoThatTheyStayVisible() {
        var flat = ChartStyle.xyChart("t", "x", "y");
        assertArrayEquals(new double[] {0.12, 0.14}, ChartStyle.yRange(flat, List.of(0.13, 0.13)), 1e-12);
        assertEquals(0.12, flat.getStyler().getYAxisMin(), 1e-12);
        assertEquals(0.14, flat.getStyler().getYAxisMax(), 1e-12);

        var spread = ChartStyle.xyChart("t", "x", "y");
        assertArrayEquals(new double[] {0.5, 0.75}, ChartStyle.yRange(spread, List.of(0.75, 0.5, 0.6)), 0);
        assertNull(spread.getStyler().getYAxisMin(), "XChart chooses the range of data that has one");
    }
}
