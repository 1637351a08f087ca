package dev.sieve.sparse;

import dev.sieve.tensor.Tensor;

/**
 * The random variant of a sparsifier: the same structure, with positions ranked by seeded uniform
 * scores instead of magnitudes. The same seed and shape give the same selection.
 */
public record RandomSparsifier<T extends SparseMatrix>(Sparsifier<T> base, long seed) implements Sparsifier<T> {
    public RandomSparsifier {
        java.util.Objects.requireNonNull(base, "base");
    }

    @Override
    public Layout layout() {
        return base.layout();
    }

    /** Selects by seeded random scores. */
    @Override
    public T sparsify(Tensor weights) {
        Checks.matrix(weights, "weights");
        return base.sparsify(weights, Scores.random(seed, weights.dim(0), weights.dim(1)));
    }

    /** Explicit scores take precedence: this is then the base sparsifier. */
    @Override
    public T sparsify(Tensor weights, Tensor scores) {
        return base.sparsify(weights, scores);
    }
}
