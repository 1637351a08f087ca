package dev.sieve.cli.train;

import dev.sieve.io.data.BatchLoader;
import dev.sieve.nn.CrossEntropyLoss;
import dev.sieve.nn.Layer;
import dev.sieve.nn.LrScheduler;
import dev.sieve.nn.Optimizer;
import dev.sieve.train.Evaluation;
import dev.sieve.train.Trainer;
import dev.sieve.train.TrainingHook;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Runs training phases of one model for the CLI: epochs over a loader with an optional hook (a pruner),
 * a progress bar on standard error when asked, one line per epoch with loss, test accuracy (and sparsity
 * while pruning) and seconds, and a history for reports. Epoch numbers keep counting across phases, so
 * every epoch of a run gets its own shuffle.
 */
public final class EpochRunner {
    /** An optimizer and the per-step learning-rate scheduler driving it (or null). */
    public record Optimization(Optimizer optimizer, LrScheduler scheduler) {}

    /** One finished epoch. */
    public record EpochRecord(String phase, int epoch, double sparsity, double trainLoss, double testAccuracy, double seconds) {}

    private final Layer model;
    private final BatchLoader loader;
    private final FashionMnistFiles.Split test;
    private final PrintWriter out;
    private final boolean progress;
    private final List<EpochRecord> history = new ArrayList<>();
    private int nextEpoch;

    public EpochRunner(Layer model, BatchLoader loader, FashionMnistFiles.Split test, PrintWriter out, boolean progress) {
        this.model = model;
        this.loader = loader;
        this.test = test;
        this.out = out;
        this.progress = progress;
    }

    /**
     * Trains {@code epochs} epochs labelled {@code phase}; {@code sparsity}, if given, is reported after
     * each epoch (the pruner's current sparsity).
     */
    public void phase(String phase, Optimization opt, TrainingHook hook, int epochs, DoubleSupplier sparsity) {
        Trainer trainer = new Trainer(model, opt.optimizer(), new CrossEntropyLoss(), opt.scheduler());
        if (hook != null) trainer.addHook(hook);
        for (int e = 0; e < epochs; e++) {
            int epoch = nextEpoch++;
            Trainer.EpochResult r;
            try (ProgressBar bar = progress ? bar(phase + " " + (e + 1), loader.batchCount()) : null) {
                r = trainer.fitEpoch(loader, epoch, bar == null ? null : (done, meanLoss) -> {
                    bar.stepTo(done);
                    bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", meanLoss));
                });
            }
            double accuracy = Evaluation.accuracy(model, test.inputs(), test.labels(), 1000);
            double s = sparsity == null ? 0 : sparsity.getAsDouble();
            history.add(new EpochRecord(phase, epoch, s, r.meanLoss(), accuracy, r.seconds()));
            out.printf(Locale.ROOT, "%s %d/%d  train loss %.4f  test accuracy %.2f%%%s  %.2f s%n", phase, e + 1, epochs,
                    r.meanLoss(), 100 * accuracy, sparsity == null ? "" : String.format(Locale.ROOT, "  sparsity %.1f%%", 100 * s), r.seconds());
            out.flush();
        }
    }

    public List<EpochRecord> history() {
        return List.copyOf(history);
    }

    public double lastAccuracy() {
        return history.isEmpty() ? Double.NaN : history.getLast().testAccuracy();
    }

    public double lastLoss() {
        return history.isEmpty() ? Double.NaN : history.getLast().trainLoss();
    }

    /** Mean wall seconds of the training passes over all epochs run (evaluation not included). */
    public double meanEpochSeconds() {
        return history.stream().mapToDouble(EpochRecord::seconds).average().orElse(Double.NaN);
    }

    private static ProgressBar bar(String task, int batches) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(batches)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(250).build();
    }
}
