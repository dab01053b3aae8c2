package org.sparsevit4j.supernet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.supernet.engine.JniFeatures;
import org.sparsevit4j.supernet.io.SafetensorsReader;

/**
 * Inference in half precision ({@code --dtype f16}): the model computes in float16 throughout
 * (PyTorch's {@code model.half()} convention) and stays within 1e-2, relative to the norm of the
 * logits, of the float32 model and of torchvision run in float16.
 *
 * <p>The torchvision reference ({@code fixtures/swin_reference_f16.safetensors}) comes from
 * {@code tools/fixtures/make_half_fixtures.py}, which needs a torch that runs half precision (it
 * was run on a CUDA GPU); where it is absent that comparison is skipped, never the others.
 */
class HalfPrecisionTest {

    /** ‖a − b‖₂ / ‖b‖₂ allowed: float16 keeps ~3 decimal digits per operation, over ~60 operations in a row. */
    private static final double RELATIVE = 1e-2;

    @Test
    void float16StaysWithinOnePercentOfFloat32() {
        try (SwinFixtures fixtures = SwinFixtures.load(); NDManager manager = NDManager.newBaseManager()) {
            SwinFixtures.Case c = fixtures.get("micro_dense_256x192");
            var arch = fixtures.arch(c.arch());
            try (SwinClassifier f32 = SwinFixtures.model(manager, arch, UnaryOperator.identity());
                    SwinClassifier f16 = SwinFixtures.model(manager, arch, Precision.F16)) {
                assertEquals(Precision.F16, f16.precision());
                for (SparsityConfig config : List.of(c.config(), SparsityConfig.uniform(arch, 0.5))) {
                    try (NDManager scope = manager.newSubManager()) {
                        NDList full = f32.classify(new ParameterStore(scope, false), fixtures.input(scope, c), config, false);
                        NDList half = f16.classify(new ParameterStore(scope, false), fixtures.input(scope, c), config, false);
                        assertEquals(DataType.FLOAT16, half.get(0).getDataType(), "computed in float16 to the end");
                        double error = relative(half.get(0).toType(DataType.FLOAT32, false).toFloatArray(),
                                full.get(0).toFloatArray());
                        assertTrue(error < RELATIVE, config.compact() + ": float16 logits off by " + error);
                        assertTrue(error > 1e-6, "float16 results equal to float32 ones: the model did not run in half");
                    }
                }
            }
        }
    }

    @Test
    void float16MatchesTorchvisionInFloat16() throws Exception {
        Path reference = Path.of(System.getProperty("sparsevit.fixtures.f16",
                SwinFixtures.resourceOrNull("swin_reference_f16.safetensors")));
        assumeTrue(Files.isRegularFile(reference), "no float16 reference (tools/fixtures/make_half_fixtures.py)");
        try (SafetensorsReader expected = SafetensorsReader.open(reference); SwinFixtures fixtures = SwinFixtures.load();
                NDManager manager = NDManager.newBaseManager()) {
            for (String name : expected.metadata().get("cases").split(",")) {
                SwinFixtures.Case c = fixtures.get(name);
                try (SwinClassifier model = SwinFixtures.model(manager, fixtures.arch(c.arch()), Precision.F16);
                        NDManager scope = manager.newSubManager()) {
                    NDList out = model.classify(new ParameterStore(scope, false), fixtures.input(scope, c), c.config(),
                            false);
                    double logits = relative(out.get(0).toType(DataType.FLOAT32, false).toFloatArray(),
                            expected.readFloats(name + "/logits"));
                    double pooled = relative(out.get(1).toType(DataType.FLOAT32, false).toFloatArray(),
                            expected.readFloats(name + "/pooled"));
                    System.out.printf("%s on %s: float16 logits %.2e, pooled %.2e from torchvision's float16%n", name,
                            manager.getDevice(), logits, pooled);
                    assertTrue(logits < RELATIVE, name + ": logits off torchvision's float16 by " + logits);
                    assertTrue(pooled < RELATIVE, name + ": pooled features off torchvision's float16 by " + pooled);
                }
            }
        }
    }

    @Test
    void bfloat16IsRefusedInOneLineWhereTheJniHasNoSuchType() {
        assumeTrue(!JniFeatures.bfloat16(), "this JNI knows bfloat16");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Precision.BF16.checkOn(Device.cpu()));
        assertTrue(e.getMessage().contains("bf16") && e.getMessage().lines().count() == 1, e.getMessage());
        assertTrue(Precision.F16.checkOn(Device.cpu()).orElseThrow().contains("slower"), "f16 on the CPU is slow");
        assertTrue(Precision.F32.checkOn(Device.cpu()).isEmpty());
        assertThrows(InvalidInputException.class, () -> Precision.parse("f8"));
        assertEquals(Precision.F16, Precision.parse("fp16"));
    }

    @Test
    void bfloat16RunsWhereTheJniKnowsIt() {
        assumeTrue(JniFeatures.bfloat16(), "DJL's own JNI: no bfloat16");
        try (SwinFixtures fixtures = SwinFixtures.load(); NDManager manager = NDManager.newBaseManager()) {
            SwinFixtures.Case c = fixtures.get("micro_dense_224");
            var arch = fixtures.arch(c.arch());
            try (SwinClassifier f32 = SwinFixtures.model(manager, arch, UnaryOperator.identity());
                    SwinClassifier bf16 = SwinFixtures.model(manager, arch, Precision.BF16);
                    NDManager scope = manager.newSubManager()) {
                NDList full = f32.classify(new ParameterStore(scope, false), fixtures.input(scope, c), c.config(), false);
                NDList half = bf16.classify(new ParameterStore(scope, false), fixtures.input(scope, c), c.config(), false);
                assertEquals(DataType.BFLOAT16, half.get(0).getDataType());
                // bfloat16 keeps 8 bits of mantissa: ~4e-3 per operation
                double error = relative(half.get(0).toType(DataType.FLOAT32, false).toFloatArray(),
                        full.get(0).toFloatArray());
                assertTrue(error < 5e-2, "bfloat16 logits off by " + error);
            }
        }
    }

    static double relative(float[] actual, float[] expected) {
        assertEquals(expected.length, actual.length);
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < actual.length; i++) {
            diff += (actual[i] - expected[i]) * (double) (actual[i] - expected[i]);
            norm += expected[i] * (double) expected[i];
        }
        return Math.sqrt(diff / norm);
    }
}
