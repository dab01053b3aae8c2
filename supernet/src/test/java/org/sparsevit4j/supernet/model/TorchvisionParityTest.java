package org.sparsevit4j.supernet.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparsevit4j.supernet.weights.ParameterNames;

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

    /**
     * A pass in training mode, recorded for autograd as the trainer records it, computes exactly
     * what inference computes: the model has no dropout and no drop path (it trains as torchvision's
     * Swin does with both rates at 0), so training changes how a pass is recorded (pruned stages
     * scatter into a tracked copy instead of in place), never its values. The backward pass then reaches the
     * first and the last weights, so the pass was recorded.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void trainingModeComputesWhatInferenceComputes(String name) {
        SwinFixtures.Case c = fixtures.get(name);
        SwinClassifier model = MODELS.computeIfAbsent(c.arch(),
                a -> SwinFixtures.model(manager, fixtures.arch(a), UnaryOperator.identity()));
        try (NDManager scope = manager.newSubManager()) {
            NDArray input = fixtures.input(scope, c);
            NDList inference = model.classify(new ParameterStore(scope, false), input, c.config(), false);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList training = model.classify(new ParameterStore(scope, false), input, c.config(), true);
                assertArrayEquals(inference.get(0).toFloatArray(), training.get(0).toFloatArray(), name + ": logits");
                assertArrayEquals(inference.get(1).toFloatArray(), training.get(1).toFloatArray(), name + ": pooled");
                collector.backward(training.get(0).sum());
            }
            Map<String, Parameter> parameters = ParameterNames.of(model);
            for (String weight : List.of("features.0.0.weight", "head.weight")) {
                NDArray gradient = parameters.get(weight).getArray().getGradient();
                assertTrue(gradient.abs().sum().getFloat() > 0, name + ": no gradient reached " + weight);
                gradient.muli(0); // gradients accumulate; the next case starts from none
            }
        }
    }
}
