package dev.sieve.nn;

/**
 * Drives an optimizer's learning rate from a schedule: the constructor sets lr(0); each {@link #step()}
 * (call once per epoch or per optimizer step, after {@code optimizer.step()}) advances t and sets lr(t).
 */
public final class LrScheduler {
    private final Optimizer optimizer;
    private final LrSchedule schedule;
    private int t;

    public LrScheduler(Optimizer optimizer, LrSchedule schedule) {
        if (optimizer == null || schedule == null) throw new IllegalArgumentException("optimizer and schedule are required");
        this.optimizer = optimizer;
        this.schedule = schedule;
        schedule.apply(optimizer, 0);
    }

    public void step() {
        schedule.apply(optimizer, ++t);
    }

    /** The current index t. */
    public int index() {
        return t;
    }

    public double lr() {
        return optimizer.lr();
    }
}
