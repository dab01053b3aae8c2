package org.sparsevit4j.app.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.supernet.checkpoint.SaaRecipe;
import org.sparsevit4j.app.CacheSpec;
import org.sparsevit4j.app.DataSpec;
import org.sparsevit4j.app.Engines;
import org.sparsevit4j.app.EvaluationService;
import org.sparsevit4j.app.ModelSession;
import org.sparsevit4j.app.Progress;
import org.sparsevit4j.app.Resolution;
import org.sparsevit4j.app.TrainRequest;
import org.sparsevit4j.app.Trainings;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.evaluator.EvaluationResult;
import org.sparsevit4j.supernet.checkpoint.SegmentationLoss;
import org.sparsevit4j.supernet.train.TrainingListener;

/**
 * The evaluation seam as a cluster module uses it: a batch job whose evaluations go to an
 * {@link EvaluationService} opened by an {@link EvaluationService.Remote} (here one that computes a
 * list backwards, as workers finishing out of order would) writes the files of the same job
 * evaluated on the local device, and every configuration it evaluated went through that service.
 */
class RemoteEvaluationTest {

    @TempDir
    Path dir;

    /** Computes each list last to first on the session's evaluator, and hands the results back in order. */
    private static final class Backwards implements EvaluationService {
        final ModelSession session;
        final List<SparsityConfig> seen = new ArrayList<>();
        boolean closed;

        Backwards(ModelSession session) {
            this.session = session;
        }

        @Override
        public List<EvaluationResult> evaluateAll(List<SparsityConfig> configs, Consumer<EvaluationResult> observer) {
            Map<SparsityConfig, EvaluationResult> computed = new HashMap<>();
            List<SparsityConfig> reversed = new ArrayList<>(configs);
            Collections.reverse(reversed);
            for (SparsityConfig c : reversed) {
                seen.add(c);
                computed.computeIfAbsent(c, session.evaluator()::evaluate);
            }
            List<EvaluationResult> results = configs.stream().map(computed::get).toList();
            results.forEach(observer);
            return results;
        }

        @Override
        public String description() {
            return "backwards on " + session.description();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void aJobEvaluatedElsewhereWritesTheFilesOfOneEvaluatedHere() throws IOException {
        Engines.start(1);
        DataSpec data = new DataSpec(null, null, null, false, 0.1, 80, 8, null);
        Path supernet = dir.resolve("supernet");
        Trainings.run(new TrainRequest("swin_micro", data, Resolution.square(64), null, supernet, 1, 0, 2, 1e-6, 1e-7,
                0, 0.05, 1.0, 1, 1, 16, 1, SaaRecipe.PAPER, Granularity.PAIR, null, SegmentationLoss.PLAIN),
                new TrainingListener() { });
        Path jobFile = Files.writeString(dir.resolve("job.json"), """
                {"checkpoint": "supernet", "batch": 4, "seed": 2,
                 "data": {"syntheticImages": 80, "syntheticVal": 8},
                 "search": {"generations": 1, "population": 6},
                 "targets": [{"maxMacs": "0.5x"}, {"maxMacs": "0.7x"}]}
                """);
        CacheSpec noCache = new CacheSpec(null, true);

        BatchJobs.Outcome here = BatchJobs.run(jobFile, dir.resolve("here/job"), "cpu", 1, noCache, null,
                Progress.SILENT);
        List<Backwards> opened = new ArrayList<>();
        BatchJobs.Outcome elsewhere = BatchJobs.run(jobFile, dir.resolve("elsewhere/job"), "cpu", 1, noCache,
                (session, progress) -> {
                    Backwards b = new Backwards(session);
                    opened.add(b);
                    return b;
                }, Progress.SILENT);

        assertEquals(1, opened.size(), "one service for the whole job");
        Backwards service = opened.get(0);
        assertTrue(service.closed, "the job closes the service");
        assertTrue(elsewhere.devices().startsWith("backwards on "), elsewhere.devices());
        assertEquals(here.computed(), elsewhere.computed());
        assertTrue(service.seen.size() >= elsewhere.computed(), service.seen.size() + " " + elsewhere.computed());
        for (String name : List.of("job.json", "job.csv", "targets/01-macs-0.5x/candidates.csv",
                "targets/02-macs-0.7x/pareto.json", "targets/02-macs-0.7x/baselines.json")) {
            assertEquals(Files.readString(dir.resolve("here/job").resolve(name)),
                    Files.readString(dir.resolve("elsewhere/job").resolve(name)), name);
        }
    }
}
