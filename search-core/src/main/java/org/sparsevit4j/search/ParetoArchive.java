package org.sparsevit4j.search;

import io.jenetics.ext.moea.ParetoFront;
import io.jenetics.ext.moea.Vec;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The non-dominated candidates (metric up, cost down) seen so far, kept incrementally in a
 * Jenetics {@link ParetoFront}. Candidates with identical objectives but different
 * configurations are all kept.
 */
final class ParetoArchive {

    private final CostObjective objective;
    private final ParetoFront<Candidate> front;

    ParetoArchive(CostObjective objective) {
        this.objective = objective;
        this.front = new ParetoFront<>((a, b) -> objectives(a).dominance(objectives(b)));
    }

    /** The front of {@code candidates}, sorted by {@link #sorted}. */
    static List<Candidate> frontOf(Collection<Candidate> candidates, CostObjective objective) {
        ParetoArchive archive = new ParetoArchive(objective);
        candidates.forEach(archive::add);
        return archive.front();
    }

    void add(Candidate candidate) {
        front.add(candidate);
    }

    /** The front, cheapest first (then higher metric, then evaluation order): a stable order for files. */
    List<Candidate> front() {
        return front.stream().sorted(sorted(objective)).toList();
    }

    static Comparator<Candidate> sorted(CostObjective objective) {
        return Comparator.<Candidate>comparingDouble(c -> objective.of(c.costs()))
                .thenComparing(Comparator.comparingDouble(Candidate::metric).reversed())
                .thenComparingInt(Candidate::index);
    }

    /** Jenetics' {@link Vec} maximises every component, so the cost enters negated. */
    private Vec<double[]> objectives(Candidate c) {
        return Vec.of(c.metric(), -objective.of(c.costs()));
    }
}
