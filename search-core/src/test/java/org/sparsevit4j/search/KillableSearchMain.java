package org.sparsevit4j.search;

import java.nio.file.Path;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.GeneLayout;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.core.SparsityCodec;
import org.sparsevit4j.core.SparsityConfig;

/**
 * The child process of {@link ResumeAfterKillTest}. With the run directory alone it runs
 * {@link #settings()} with an evaluator slowed down so that the parent can kill it midway. With
 * {@code RUN_DIR SCENARIO GENERATION CALLS} it runs the scenario's search and dies, as abruptly as a
 * SIGKILL ({@link Runtime#halt}: no shutdown hooks, no finally blocks), at its {@code CALLS}-th
 * evaluation after generation {@code GENERATION} was saved: within the next generation, or within
 * the baselines when {@code GENERATION} is the last.
 */
public final class KillableSearchMain {

    /** The exit status of a run that halted where it was told to (a SIGKILLed process's 128 + 9). */
    static final int HALTED = 137;

    private KillableSearchMain() {
    }

    static SearchSettings settings() {
        return SearchSettings.builder(ArchitectureSpec.preset("swin_t"), 672, 672)
                .budget(SearchBudget.ofMacs(MacLimit.parse("0.6x")))
                .generations(12)
                .seed(20_230_331)
                .build();
    }

    /** The searches killed at chosen points. */
    enum Scenario {
        /** NSGA-II on metric and MACs under 0.6x dense MACs. */
        PARETO,
        /** Single-objective under a latency budget of 26 ms, predicted by {@link #latencyModel()}. */
        LATENCY;

        SearchSettings settings() {
            SearchSettings.Builder b = SearchSettings.builder(ArchitectureSpec.preset("swin_t"), 672, 672)
                    .generations(8);
            return this == PARETO
                    ? b.budget(SearchBudget.ofMacs(MacLimit.parse("0.6x"))).pareto(true).seed(20_231_117).build()
                    : b.budget(new SearchBudget(null, 26.0, null)).seed(20_240_229).build();
        }

        CostModel latencyModel() {
            return this == LATENCY ? KillableSearchMain.latencyModel() : null;
        }
    }

    /** A latency model like a device's: a fixed 2 ms plus 1 ms per GMAC of the backbone. */
    static CostModel latencyModel() {
        SparsityCodec codec = new SparsityCodec(new GeneLayout(ArchitectureSpec.preset("swin_t"), Granularity.PAIR));
        MacCostTable macs = new MacCostTable(codec.layout(), 672, 672);
        return config -> 2.0 + macs.macs(codec.encode(config)) / 1e9;
    }

    /** {@link SyntheticFitness} that runs a hook before every evaluation (a delay, a halt). */
    static final class HookedFitness implements ConfigEvaluator {
        private final SyntheticFitness fitness = new SyntheticFitness();
        private final Runnable before;

        HookedFitness(Runnable before) {
            this.before = before;
        }

        @Override
        public double evaluate(SparsityConfig config) {
            before.run();
            return fitness.evaluate(config);
        }

        @Override
        public String metricName() {
            return fitness.metricName();
        }

        @Override
        public String description() {
            return fitness.description();
        }
    }

    /** About 2 ms per configuration, like a (very) fast real evaluator. */
    private static void pause() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Halts the process at the {@code calls}-th evaluation once armed. */
    static final class Halt implements Runnable {
        private final int calls;
        private int counted = -1;

        Halt(int calls) {
            this.calls = calls;
        }

        void arm() {
            counted = 0;
        }

        @Override
        public void run() {
            if (counted >= 0 && ++counted == calls) {
                System.out.println("halting at evaluation " + calls + " after the armed generation");
                System.out.flush();
                Runtime.getRuntime().halt(HALTED);
            }
        }
    }

    public static void main(String[] args) {
        if (args.length == 1) {
            EvolutionarySearch.run(settings(), new HookedFitness(KillableSearchMain::pause), null, Path.of(args[0]),
                    SearchListener.logTo(System.out::println));
            return;
        }
        Scenario scenario = Scenario.valueOf(args[1]);
        int generation = Integer.parseInt(args[2]);
        Halt halt = new Halt(Integer.parseInt(args[3]));
        EvolutionarySearch.run(scenario.settings(), new HookedFitness(halt), scenario.latencyModel(), Path.of(args[0]),
                report -> {
                    System.out.println("generation " + report.generation() + " saved");
                    if (report.generation() == generation) {
                        halt.arm();
                    }
                });
        System.out.println("finished without halting");
    }
}
