package org.sparsevit4j.core;

import java.util.Arrays;

/**
 * The search's view of a configuration: one sparsity level 0..8 per gene, genes ordered by stage
 * and, within a stage, by block (see {@link GeneLayout}). Immutable; equal genomes are the same
 * configuration, which is what the evaluation cache keys on.
 *
 * <p>A genome produced by the search is always repaired (non-decreasing within each stage);
 * operators work on raw {@code int[]} copies and {@link SparsityCodec#repair} them.
 */
public final class Genome {

    private final int[] genes;
    private final int hash;

    private Genome(int[] genes) {
        this.genes = genes;
        this.hash = Arrays.hashCode(genes);
    }

    /** A genome holding a copy of {@code genes}; each must be a level in 0..8. */
    public static Genome of(int... genes) {
        int[] copy = genes.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] < 0 || copy[i] > SparsityCodec.MAX_LEVEL) {
                throw new IllegalArgumentException("gene " + i + ": level " + copy[i]
                        + " is not in 0.." + SparsityCodec.MAX_LEVEL);
            }
        }
        return new Genome(copy);
    }

    /** Takes ownership of {@code genes} without a copy; for operators that just built the array. */
    static Genome wrap(int[] genes) {
        return new Genome(genes);
    }

    public int length() {
        return genes.length;
    }

    public int gene(int index) {
        return genes[index];
    }

    /** The genes as an unmodifiable list, for files. */
    public java.util.List<Integer> toList() {
        return Arrays.stream(genes).boxed().toList();
    }

    /** A copy of the genes, for operators to alter. */
    public int[] toArray() {
        return genes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Genome other && hash == other.hash && Arrays.equals(genes, other.genes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return Arrays.toString(genes);
    }
}
