package org.sparsevit4j.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sparsevit4j.core.SparsityConfig;

class LayerSparsityChartTest {

    @Test
    void aLargeFrontIsThinnedEvenlyKeepingBothEnds() {
        List<ReportedConfig> front = IntStream.range(0, 30).mapToObj(LayerSparsityChartTest::member).toList();
        List<ReportedConfig> shown = LayerSparsityChart.spreadOut(front, 8);
        assertEquals(8, shown.size());
        assertEquals(front.get(0), shown.get(0));
        assertEquals(front.get(29), shown.get(7));
        assertEquals(8, shown.stream().distinct().count(), "no member twice");
        assertEquals(front.subList(0, 5), LayerSparsityChart.spreadOut(front.subList(0, 5), 8), "a small front whole");
    }

    private static ReportedConfig member(int i) {
        return new ReportedConfig(SparsityConfig.ofLevels(new int[][] {{i % 9}}), i, i, i / 30.0, Double.NaN,
                Double.NaN, "mutation", true);
    }
}
