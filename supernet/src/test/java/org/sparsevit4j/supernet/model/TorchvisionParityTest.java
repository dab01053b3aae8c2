package org.sparsevit4j.supernet.model;

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
 * torchvision's modules; logits and pooled features each within {@link SwinFixtures#parityBound}:
 * 1e-7 + 1e-6 times the largest magnitude of the reference output (the reasons are there).
 */
class TorchvisionParityTest {

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
        System.out.printf("%s on %s: max error logits %.2e (bound %.2e), pooled %.2e (bound %.2e)%n", name,
                manager.getDevice(), errors[0], SwinFixtures.parityBound(fixtures.expected(c, "logits")), errors[1],
                SwinFixtures.parityBound(fixtures.expected(c, "pooled")));
        fixtures.requireParity(c, errors);
    }
}
