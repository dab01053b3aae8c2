package org.sparsevit4j.app;

import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.evaluator.EvaluationResult;
import org.sparsevit4j.search.ConfigEvaluator;

/**
 * A search's evaluations on other machines: the optional {@code spark} module implements it, and the
 * application finds it through {@link ServiceLoader} only when asked (the command line's
 * {@code --spark-master}), so nothing of a cluster engine is loaded otherwise.
 *
 * <p>The search itself stays where it is (its loop, seed, state file and result cache): only the
 * metrics of a generation's new configurations are computed elsewhere and come back in order, so the
 * outcome is the same as a local run's.
 */
public interface ClusterEvaluation extends AutoCloseable {

    /**
     * The search's fitness for {@code session}: results already in its cache are served from there,
     * the others are computed by the cluster on the model and data the session was opened from
     * ({@link ModelSession#spec}), kept in the session's cache and shown to {@code observer} in order.
     */
    ConfigEvaluator fitness(ModelSession session, Consumer<EvaluationResult> observer);

    /** One line: the engine and where it runs, e.g. {@code Spark 4.2.0, master local[2]}. */
    String description();

    @Override
    void close();

    /** What a cluster module registers in {@code META-INF/services}. */
    interface Provider {

        /** Connects to the cluster at {@code master} (the engine's own form, e.g. {@code local[2]}). */
        ClusterEvaluation open(String master, Progress progress);
    }

    /**
     * The cluster evaluation on the class path, connected to {@code master}.
     *
     * @throws InvalidInputException if no cluster module is on the class path
     */
    static ClusterEvaluation open(String master, Progress progress) {
        if (master == null || master.isBlank()) {
            throw new InvalidInputException("--spark-master must name a master, e.g. local[2] or spark://HOST:7077");
        }
        return ServiceLoader.load(Provider.class).findFirst()
                .orElseThrow(() -> new InvalidInputException("--spark-master " + master + ": the spark module is not on "
                        + "the class path; run through ./sparsevit (which adds it for --spark-master) or add "
                        + "spark/target/spark.jar and the class path in spark/target/spark-classpath.txt"))
                .open(master, progress);
    }
}
