package dev.sieve.prune;

import java.util.OptionalDouble;

/**
 * When masks are recomputed during training and to which sparsity ({@link PruneSchedules}). Steps count
 * optimizer steps from 0 across epochs, as {@link dev.sieve.train.TrainingHook} does.
 */
public interface PruneSchedule {
    /**
     * The sparsity to prune to at {@code step}, or empty when masks are not recomputed at this step (they
     * stay as they are: enforced, not changed).
     *
     * @param finalSparsity the target's sparsity
     */
    OptionalDouble updateAt(int step, double finalSparsity);

    /** The last step at which masks change; after it the masks are fixed (fine-tuning). */
    int lastUpdateStep();

    /**
     * Checks that this schedule can drive a target of sparsity {@code finalSparsity}.
     *
     * @throws IllegalArgumentException if it asks for more, or does not end there
     */
    default void validate(double finalSparsity) {}
}
