package dev.sieve.nn;

/**
 * A learning rate as a function of the step (or epoch) index t = 0, 1, 2, ... Whether t counts epochs or
 * optimizer steps is up to the caller. Build with {@link Schedules}; drive with {@link LrScheduler} or
 * {@link #apply}.
 */
@FunctionalInterface
public interface LrSchedule {
    double lr(int t);

    /** Sets the optimizer's learning rate to {@code lr(t)}. */
    default void apply(Optimizer optimizer, int t) {
        optimizer.setLr(lr(t));
    }
}
