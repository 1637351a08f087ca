package dev.sieve.train;

import dev.sieve.autograd.Variable;

/**
 * Code that runs inside {@link Trainer}'s loop, e.g. a pruner keeping masks on weights, gradients and
 * optimizer state. Every method has an empty default; {@code step} counts optimizer steps from 0 across
 * epochs.
 */
public interface TrainingHook {
    /** Before the forward pass of a step. */
    default void beforeStep(int epoch, int step) {}

    /** After backward, before the optimizer update: the gradients are in place. */
    default void afterBackward(int epoch, int step, Variable loss) {}

    /** After the optimizer update. */
    default void afterStep(int epoch, int step, double loss) {}

    /** After the last step of an epoch, before evaluation. */
    default void afterEpoch(int epoch) {}
}
