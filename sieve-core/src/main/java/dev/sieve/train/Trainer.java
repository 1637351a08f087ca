package dev.sieve.train;

import dev.sieve.autograd.Variable;
import dev.sieve.io.data.Batch;
import dev.sieve.io.data.BatchLoader;
import dev.sieve.nn.CrossEntropyLoss;
import dev.sieve.nn.Layer;
import dev.sieve.nn.LrScheduler;
import dev.sieve.nn.Optimizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The supervised classification loop: for each batch, forward, cross-entropy, backward, optimizer step,
 * with {@link TrainingHook}s around the step and an optional per-step learning-rate schedule. The
 * loader's seed fixes the batch order of every epoch, so a run is reproducible for a given thread count.
 */
public final class Trainer {
    private final Layer model;
    private final Optimizer optimizer;
    private final CrossEntropyLoss loss;
    private final LrScheduler scheduler;
    private final List<TrainingHook> hooks = new ArrayList<>();
    private int step;

    /**
     * @param scheduler advanced once per optimizer step, or null for a constant learning rate
     */
    public Trainer(Layer model, Optimizer optimizer, CrossEntropyLoss loss, LrScheduler scheduler) {
        if (model == null || optimizer == null || loss == null) throw new IllegalArgumentException("model, optimizer and loss are required");
        this.model = model;
        this.optimizer = optimizer;
        this.loss = loss;
        this.scheduler = scheduler;
    }

    public Trainer addHook(TrainingHook hook) {
        hooks.add(hook);
        return this;
    }

    /** Optimizer steps taken so far. */
    public int steps() {
        return step;
    }

    /** Receives progress after each step: batches done in this epoch and the epoch's mean loss so far. */
    @FunctionalInterface
    public interface Progress {
        void batchDone(int batches, double meanLoss);
    }

    /** Mean training loss and wall time of one epoch. */
    public record EpochResult(int epoch, double meanLoss, double seconds, int steps) {}

    /**
     * Trains one epoch over {@code loader}'s batches for epoch {@code epoch} (which selects the shuffle).
     * {@code progress}, if not null, is told after each step (for a progress bar).
     */
    public EpochResult fitEpoch(BatchLoader loader, int epoch, Progress progress) {
        model.train();
        double lossSum = 0;
        long seen = 0;
        int done = 0;
        long t0 = System.nanoTime();
        for (Batch b : loader.epoch(epoch)) {
            for (TrainingHook h : hooks) h.beforeStep(epoch, step);
            optimizer.zeroGrad();
            Variable l = loss.forward(model.forward(Variable.constant(b.inputs())), b.labels());
            l.backward();
            for (TrainingHook h : hooks) h.afterBackward(epoch, step, l);
            optimizer.step();
            double value = l.value().item();
            if (!Double.isFinite(value)) {
                throw new IllegalStateException("training diverged: loss is " + value + " at epoch " + (epoch + 1)
                        + ", step " + step + "; lower the learning rate");
            }
            for (TrainingHook h : hooks) h.afterStep(epoch, step, value);
            if (scheduler != null) scheduler.step();
            step++;
            lossSum += value * b.size();
            seen += b.size();
            done++;
            if (progress != null) progress.batchDone(done, lossSum / seen);
        }
        for (TrainingHook h : hooks) h.afterEpoch(epoch);
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new EpochResult(epoch, seen == 0 ? Double.NaN : lossSum / seen, seconds, done);
    }
}
