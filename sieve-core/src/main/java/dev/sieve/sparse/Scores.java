package dev.sieve.sparse;

import dev.sieve.tensor.Tensor;

/**
 * Element scores for sparsifiers: a tensor shaped like the weights whose non-negative values rank
 * positions (larger = more important). Sparsifiers select by scores and keep the weights' values, so
 * one set of scores (magnitude, Taylor, movement, Wanda...) can feed any layout.
 */
public final class Scores {
    private Scores() {}

    /** |w|: magnitude pruning, and the "L1 mass" n:m:g preserves. */
    public static Tensor magnitude(Tensor weights) {
        float[] v = weights.toArray();
        for (int i = 0; i < v.length; i++) {
            if (Float.isNaN(v[i])) {
                Checks.matrix(weights, "weights");
                int cols = weights.dim(1);
                throw new IllegalArgumentException("weight at (" + i / cols + ", " + i % cols + ") is NaN; it cannot be ranked");
            }
            v[i] = Math.abs(v[i]);
        }
        return Tensor.wrap(v, weights.dims());
    }

    /** Uniform scores in [0, 1) from a seeded generator: a random selection that is the same for the same seed. */
    public static Tensor random(long seed, int rows, int cols) {
        return Tensor.uniform(seed, 0f, 1f, rows, cols);
    }
}
