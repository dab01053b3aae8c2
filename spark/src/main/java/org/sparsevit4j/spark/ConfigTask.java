package org.sparsevit4j.spark;

import java.io.Serializable;

/** What one Spark task computes: the metrics of one configuration on the executor's model. */
@FunctionalInterface
interface ConfigTask extends Serializable {

    /** The evaluation the executors run: {@link ExecutorModels#evaluate}. */
    ConfigTask EVALUATE = ExecutorModels::evaluate;

    ScoredConfig apply(ExecutorSpec spec, IndexedConfig config) throws Exception;
}
