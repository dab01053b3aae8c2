package org.sparsevit4j.supernet.data;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The files a dataset skipped as bad, with the reason, safe to add to from decoding threads. A file
 * is counted once however often it is met.
 */
final class SkipLog {

    private final ConcurrentSkipListMap<String, String> reasons = new ConcurrentSkipListMap<>();

    void add(String file, String reason) {
        reasons.putIfAbsent(file, reason);
    }

    int count() {
        return reasons.size();
    }

    List<String> files() {
        return List.copyOf(reasons.keySet());
    }

    Map<String, String> reasons() {
        return Collections.unmodifiableMap(new TreeMap<>(reasons));
    }
}
