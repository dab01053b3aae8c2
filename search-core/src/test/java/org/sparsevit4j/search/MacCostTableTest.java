package org.sparsevit4j.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.MacCounter;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.Genome;
import org.sparsevit4j.core.GeneLayout;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.core.SparsityCodec;
import org.sparsevit4j.core.SplitMix64;
import org.sparsevit4j.core.RandomGenomes;

class MacCostTableTest {

    @ParameterizedTest
    @CsvSource({"swin_t, pair, 224, 224", "swin_t, block, 672, 672", "swin_b, stage, 512, 1024", "swin_s, pair, 231, 300"})
    void equalsTheMacCounterOnRandomConfigs(String arch, String granularity, int height, int width) {
        ArchitectureSpec spec = ArchitectureSpec.preset(arch);
        SparsityCodec codec = new SparsityCodec(new GeneLayout(spec, Granularity.parse(granularity)));
        MacCostTable table = new MacCostTable(codec.layout(), height, width);
        RandomGenerator rng = SplitMix64.seeded(7);
        for (int i = 0; i < 200; i++) {
            Genome genome = RandomGenomes.draw(codec, rng);
            SparsityConfig config = codec.decode(genome);
            assertEquals(MacCounter.count(spec, height, width, config).backbone(), table.macs(genome), config.compact());
        }
        assertEquals(MacCounter.count(spec, height, width, SparsityConfig.dense(spec)).backbone(), table.denseMacs());
        assertEquals(MacCounter.count(spec, height, width, SparsityConfig.uniform(spec, 0.8)).backbone(),
                table.sparsestMacs());
    }
}
