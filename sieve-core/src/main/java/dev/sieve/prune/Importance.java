package dev.sieve.prune;

import dev.sieve.tensor.Tensor;

/**
 * The importance state of one pruned parameter, made by a {@link Score}: it observes gradients (after
 * backward) and layer inputs (in the forward pass of a Linear) as they come, and turns what it saw into
 * non-negative scores that a {@link Target} ranks.
 *
 * <p>Weights are passed as their 2-D view [dim 0, product of the others] (a conv weight [O, C, kh, kw] as
 * [O, C·kh·kw]); inputs as [tokens, in].
 */
public interface Importance {
    /** Whether {@link #observeGradient} must be fed. */
    default boolean needsGradients() {
        return false;
    }

    /** Whether {@link #observeInput} must be fed (only possible for the weight of a Linear). */
    default boolean needsInputs() {
        return false;
    }

    /** After a backward pass: the weight and its gradient (same shape). */
    default void observeGradient(Tensor weight, Tensor grad) {}

    /** The inputs [tokens, in] arriving at the Linear that owns the weight. */
    default void observeInput(Tensor x) {}

    /**
     * Scores shaped like {@code weight}, non-negative and finite (larger = more important).
     *
     * @throws IllegalStateException if the score has not seen the data it needs
     */
    Tensor scores(Tensor weight);

    /**
     * Prunes {@code weight} in place to {@code keep} and returns the mask finally used. The default zeroes
     * the pruned positions; a score may also update the kept weights (SparseGPT's compensation) and, with
     * a non-null {@code reselect} (the target's per-layer selection), refine the mask.
     */
    default Tensor prune(Tensor weight, Tensor keep, Reselection reselect) {
        Masks.apply(weight, keep);
        return keep;
    }

    /** The target's own selection for one weight, offered to scores that refine masks while they prune. */
    interface Reselection {
        /** The keep-mask for scores of the whole weight. */
        Tensor mask(Tensor scores);

        /** Whether masks may be chosen block of {@code blockSize} columns by block (see {@link Target#columnSeparable}). */
        boolean columnSeparable(int blockSize);
    }

    /** A mask update used the statistics gathered so far; scores that measure an interval start a new one. */
    default void afterUpdate() {}

    /** Forgets the gradient statistics (before calibration batches replace them). */
    default void resetGradients() {}

    /** Forgets the input statistics (before calibration inputs replace them). */
    default void resetInputs() {}
}
