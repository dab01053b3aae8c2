package org.sparsevit4j.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.search.EvolutionarySearch;
import org.sparsevit4j.search.MacLimit;
import org.sparsevit4j.search.SearchBudget;
import org.sparsevit4j.search.SearchResult;
import org.sparsevit4j.search.SearchSettings;

/**
 * A whole search evaluated over several replicas, one of which fails in the middle of a generation,
 * ends with the result and the files of the search on one replica.
 */
class PooledSearchTest {

    @TempDir
    Path dir;

    private static SearchSettings settings() {
        return SearchSettings.builder(ArchitectureSpec.preset("swin_t"), 672, 672)
                .budget(SearchBudget.ofMacs(MacLimit.parse("0.6x")))
                .population(16)
                .generations(4)
                .seed(12)
                .build();
    }

    private static SearchResult search(List<FakeReplica> replicas, Path runDir, List<String> warnings) {
        try (ReplicaPool pool = new ReplicaPool(replicas, warnings::add)) {
            PooledFitness fitness = new PooledFitness(pool, "top1", "fake replicas",
                    JsonNodeFactory.instance.objectNode().put("device", "cpu()"), r -> { });
            return EvolutionarySearch.run(settings(), fitness, null, runDir, null);
        }
    }

    @Test
    void threeReplicasWithOneFailingGiveTheResultOfOne() throws IOException {
        AtomicInteger running = new AtomicInteger();
        List<String> none = new ArrayList<>();
        SearchResult one = search(List.of(FakeReplica.healthy("cpu", 0, running)), dir.resolve("one"), none);

        List<String> warnings = new ArrayList<>();
        // the failing replica gives out on its 7th configuration: within generation 0's population of 16
        FakeReplica failing = new FakeReplica("cpu#2", 1, call -> call == 7,
                new IllegalStateException("injected failure"), running);
        SearchResult three = search(List.of(FakeReplica.healthy("cpu#0", 1, running),
                FakeReplica.healthy("cpu#1", 0, running), failing), dir.resolve("three"), warnings);

        assertEquals(one, three);
        assertEquals(7, failing.calls.get());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("injected failure"), warnings.get(0));
        assertEquals(List.of(), none);
        assertEquals(files(dir.resolve("one")), files(dir.resolve("three")));
    }

    /** Every file of a run folder by name, as text. */
    static Map<String, String> files(Path runDir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> list = Files.list(runDir)) {
            for (Path p : list.filter(Files::isRegularFile).toList()) {
                out.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        assertTrue(out.containsKey("best.json") && out.containsKey("candidates.csv"), out.keySet().toString());
        return out;
    }
}
