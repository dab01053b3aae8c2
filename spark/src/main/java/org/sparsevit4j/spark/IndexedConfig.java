package org.sparsevit4j.spark;

import java.io.Serializable;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SparsityConfigJson;

/**
 * One configuration of a generation as a task receives it: its place in the generation's list and its
 * JSON (levels are exact in JSON: 0.0 ... 0.8).
 */
record IndexedConfig(int index, String json) implements Serializable {

    static IndexedConfig of(int index, SparsityConfig config) {
        return new IndexedConfig(index, SparsityConfigJson.toJson(config));
    }

    SparsityConfig config() {
        return SparsityConfigJson.parse(json, "configuration " + index + " from the driver");
    }
}
