package org.sparsevit4j.cli;

import org.sparsevit4j.app.ClusterEvaluation;
import org.sparsevit4j.app.Progress;
import picocli.CommandLine.Option;

/** {@code --spark-master}: the evaluations on Apache Spark instead of the local devices. */
public final class SparkMasterOption {

    @Option(names = "--spark-master", paramLabel = "MASTER",
            description = "Evaluate each generation's new configurations on Apache Spark at MASTER (local[2], "
                    + "spark://HOST:7077, yarn, k8s://...), one task per configuration; the results are a local run's. "
                    + "Needs the spark module, which ./sparsevit puts on the class path for this option.")
    String master;

    /** The cluster connection, or null without the option (the caller closes it). */
    ClusterEvaluation open(Progress progress) {
        return master == null ? null : ClusterEvaluation.open(master, progress);
    }
}
