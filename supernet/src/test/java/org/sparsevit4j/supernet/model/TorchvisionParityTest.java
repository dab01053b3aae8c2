package org.sparsevit4j.supernet.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The model against torchvision: dense cases against torchvision's own {@code SwinTransformer},
 * sparse cases against the fixture script's reference of the pruning semantics built on
 * torchvision's modules; logits and pooled features within 1e-4.
 */
class TorchvisionParityTest {

    private static final float TOLERANCE = 1e-4f;

    private static SwinFixtures fixtures;
    private static NDManager manager;
    private static final Map<String, SwinClassifier> MODELS = new HashMap<>();

    @BeforeAll
    static void load() {
        fixtures = SwinFixtures.load();
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        MODELS.values().forEach(SwinClassifier::close);
        manager.close();
        fixtures.close();
    }

    static Stream<String> cases() {
        try (SwinFixtures f = SwinFixtures.load()) {
            return f.f32Cases().stream().map(SwinFixtures.Case::name).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesReference(String name) {
        SwinFixtures.Case c = fixtures.get(name);
        SwinClassifier model = MODELS.computeIfAbsent(c.arch(),
                a -> SwinFixtures.model(manager, fixtures.arch(a), UnaryOperator.identity()));
        float[] errors = fixtures.errors(model, manager, c);
        System.out.printf("%s on %s: max error logits %.2e, pooled %.2e%n", name, manager.getDevice(), errors[0],
                errors[1]);
        assertTrue(errors[0] <= TOLERANCE, name + ": logits off by " + errors[0]);
        assertTrue(errors[1] <= TOLERANCE, name + ": pooled features off by " + errors[1]);
    }
}
