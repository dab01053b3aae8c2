package org.sparsevit4j.search;

import java.util.random.RandomGenerator;
import org.sparsevit4j.core.Genome;

/**
 * The paper's crossover: each gene of the child comes from the first or the second parent with
 * probability 1/2 each, independently (the reference's {@code random.choice(inputs)} per gene).
 * The caller repairs the child. Draws only from the generator it is given.
 */
final class UniformGeneCrossover {

    private UniformGeneCrossover() {
    }

    /** Raw (unrepaired) child genes. */
    static int[] cross(Genome first, Genome second, RandomGenerator rng) {
        if (first.length() != second.length()) {
            throw new IllegalArgumentException("parents have " + first.length() + " and "
                    + second.length() + " genes; crossover needs equal lengths");
        }
        int[] genes = new int[first.length()];
        for (int i = 0; i < genes.length; i++) {
            genes[i] = rng.nextBoolean() ? first.gene(i) : second.gene(i);
        }
        return genes;
    }
}
