package org.sparsevit4j.search;

/** A proposed configuration that met the budget, with the costs the budget check computed. */
record Draw(Genome genome, CandidateCosts costs, Origin origin) {
}
