package org.sparsevit4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.core.SparsityConfigJson;
import org.sparsevit4j.supernet.io.NamedTensor;
import org.sparsevit4j.supernet.io.SafetensorsReader;
import org.sparsevit4j.supernet.io.SafetensorsWriter;
import org.sparsevit4j.supernet.model.SwinFixtures;
import org.sparsevit4j.supernet.weights.DeterministicWeights;

/** {@code sparsevit forward} end to end: a timm file from the fixture script against torchvision's outputs. */
class ForwardCommandTest {

    private static SwinFixtures fixtures;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        fixtures = SwinFixtures.load();
    }

    @AfterAll
    static void close() {
        fixtures.close();
    }

    @Test
    void outputsMatchTorchvisionForATimmFile() {
        SwinFixtures.Case c = fixtures.get("tiny_timm_new_f16_a_96x80");
        Path input = writeInput(c);
        Path config = dir.resolve("cfg.json");
        SparsityConfigJson.write(c.config(), config);
        Path output = dir.resolve("out.safetensors");
        CliRunner.Result r = CliRunner.run("forward", "--weights", weights().toString(), "--input", input.toString(),
                "--config", config.toString(), "--output", output.toString(), "--threads", "1");
        assertEquals(0, r.exit(), r.err());
        try (SafetensorsReader out = SafetensorsReader.open(output)) {
            assertEquals(List.of(1L, 5L), List.of(out.info("logits").shape()[0], out.info("logits").shape()[1]));
            fixtures.requireParity(c, new float[] {
                SwinFixtures.maxAbsDiff(out.readFloats("logits"), fixtures.expected(c, "logits")),
                SwinFixtures.maxAbsDiff(out.readFloats("pooled"), fixtures.expected(c, "pooled"))});
            assertEquals("[[0.3,0.5],[0.2,0.2]]", out.metadata().get("ratios"));
        }
    }

    @Test
    void badInputsExitTwoAndWriteNothing() throws Exception {
        SwinFixtures.Case c = fixtures.get("tiny_timm_new_f16_dense_96x80");
        Path input = writeInput(c);
        Path noInputTensor = dir.resolve("wrong-name.safetensors");
        SafetensorsWriter.write(noInputTensor, List.of(new NamedTensor("image", new long[] {1, 3, 8, 8}, new float[192])),
                Map.of());
        Path flat = dir.resolve("flat.safetensors");
        SafetensorsWriter.write(flat, List.of(new NamedTensor("input", new long[] {3, 96, 80}, new float[3 * 96 * 80])),
                Map.of());
        Path badConfig = Files.writeString(dir.resolve("bad.json"), "{\"ratios\": [[0.3,0.5,0.5],[0.2,0.2]]}");
        Path output = dir.resolve("out.safetensors");
        String w = weights().toString();
        String[][] cases = {
            {"--weights", w, "--input", noInputTensor.toString()},
            {"--weights", w, "--input", flat.toString()},
            {"--weights", w, "--input", input.toString(), "--arch", "swin_t"},
            {"--weights", dir.resolve("missing.safetensors").toString(), "--input", input.toString()},
            {"--weights", w, "--input", input.toString(), "--config", badConfig.toString()},
            {"--weights", input.toString(), "--input", input.toString()},
        };
        for (String[] args : cases) {
            String[] full = concat(new String[] {"forward", "--output", output.toString()}, args);
            CliRunner.Result r = CliRunner.run(full);
            assertEquals(2, r.exit(), String.join(" ", full) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(Files.exists(output), "an output was written for " + String.join(" ", full));
        }
    }

    private Path writeInput(SwinFixtures.Case c) {
        float[] data = DeterministicWeights.input(c.batch(), 3, c.height(), c.width(), c.inputAttempt(),
                DeterministicWeights.FIXTURE_SEED);
        Path input = dir.resolve("input-" + c.name() + ".safetensors");
        SafetensorsWriter.write(input, List.of(new NamedTensor("input", new long[] {c.batch(), 3, c.height(), c.width()},
                data)), Map.of());
        return input;
    }

    private static Path weights() {
        return SwinFixtures.resource("tiny_timm_new_f16.safetensors");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
