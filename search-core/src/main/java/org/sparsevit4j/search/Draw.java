package org.sparsevit4j.search;
import org.sparsevit4j.core.Genome;

/** A proposed configuration that met the budget, with the costs the budget check computed. */
record Draw(Genome genome, CandidateCosts costs, Origin origin) {
}
