package org.sparsevit4j.app;

import java.util.ServiceLoader;
import org.sparsevit4j.core.InvalidInputException;

/**
 * A connection to a cluster that evaluates elsewhere: the {@link EvaluationService.Remote} a search
 * or a batch job is given, which also owns the connection (closed after the search or job). The
 * optional {@code spark} module implements it, and the application finds it through
 * {@link ServiceLoader} only when asked (the command line's {@code --spark-master}), so nothing of a
 * cluster engine is loaded otherwise.
 *
 * <p>The search itself stays where it is (its loop, seed, state file and result cache): only the
 * metrics of a generation's new configurations are computed elsewhere and come back in order, so the
 * outcome is the same as a local run's. {@link #open(ModelSession, Progress)} opens, for the model
 * and data a session was opened from ({@link ModelSession#spec}), a service that keeps the
 * {@link EvaluationService} contract.
 */
public interface ClusterEvaluation extends EvaluationService.Remote, AutoCloseable {

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
