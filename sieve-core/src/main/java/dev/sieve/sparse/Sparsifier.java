package dev.sieve.sparse;

import dev.sieve.tensor.Tensor;

/**
 * Turns dense values into a sparse layout: decides which positions survive from scores, then keeps
 * the weights' values at those positions. Separate from the layouts so the same scores can feed any
 * of them.
 *
 * <p>Weights are W[out, in] = [rows, cols]. Every sparsifier is deterministic for given inputs. With
 * magnitude scores (the default), a matrix that already has the target structure keeps every nonzero.
 *
 * @param <T> the layout produced
 */
public interface Sparsifier<T extends SparseMatrix> {

    /** The layout descriptor of the matrices produced. */
    Layout layout();

    /**
     * Selects positions by {@code scores} and keeps the values of {@code weights} there.
     *
     * @param scores same shape as {@code weights}, non-negative, no NaN
     * @throws IllegalArgumentException if the shapes differ, a score is negative or NaN, or the layout
     *     cannot hold a matrix of this shape
     */
    T sparsify(Tensor weights, Tensor scores);

    /** Selects by magnitude, {@code |w|}. */
    default T sparsify(Tensor weights) {
        return sparsify(weights, Scores.magnitude(weights));
    }

    /** The random variant (for benchmarks): {@link #sparsify(Tensor)} selects by seeded uniform scores. */
    default Sparsifier<T> randomized(long seed) {
        return new RandomSparsifier<>(this, seed);
    }
}
