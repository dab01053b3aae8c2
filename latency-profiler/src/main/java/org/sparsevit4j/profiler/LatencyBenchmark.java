package org.sparsevit4j.profiler;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.MacCounter;
import org.sparsevit4j.core.SparsityConfig;

/**
 * Forward latency of sparsity configurations on the timer's device next to their MAC fractions:
 * what {@code sparsevit bench} and {@code sparsevit profile} report, through the profiler's one
 * measuring path ({@link LatencyMeasurement}).
 */
public final class LatencyBenchmark {

    /** A configuration to time, under a name for the report. */
    public record Entry(String name, SparsityConfig config) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(config, "config");
        }
    }

    private LatencyBenchmark() {
    }

    /**
     * Times {@code entries}; latency fractions refer to the first (pass the dense configuration
     * there for {@code sparsevit bench}).
     *
     * @param progress receives a line per finished round, for a progress display
     */
    public static List<LatencyResult> run(ForwardTimer timer, List<Entry> entries, MeasurementPlan plan,
            Consumer<String> progress) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("nothing to time");
        }
        ArchitectureSpec arch = timer.model().arch();
        InputShape input = timer.input();
        List<Measured> measured = LatencyMeasurement.configurations(timer,
                entries.stream().map(Entry::config).toList(), plan, progress);
        long denseMacs = MacCounter.count(arch, input.height(), input.width(), SparsityConfig.dense(arch)).backbone();
        double baseline = measured.get(0).summary().medianMs();
        List<LatencyResult> results = new ArrayList<>(entries.size());
        for (int e = 0; e < entries.size(); e++) {
            Entry entry = entries.get(e);
            long macs = MacCounter.count(arch, input.height(), input.width(), entry.config()).backbone();
            Measured m = measured.get(e);
            results.add(new LatencyResult(entry.name(), entry.config(), macs, (double) macs / denseMacs, m.summary(),
                    m.noisy(), m.summary().medianMs() / baseline));
        }
        return results;
    }
}
