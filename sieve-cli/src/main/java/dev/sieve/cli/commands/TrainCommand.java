package dev.sieve.cli.commands;

import dev.sieve.cli.InputException;
import dev.sieve.cli.ThreadsOption;
import dev.sieve.cli.util.Json;
import dev.sieve.io.data.BatchLoader;
import dev.sieve.io.data.FashionMnist;
import dev.sieve.models.Checkpoints;
import dev.sieve.models.ReferenceModel;
import dev.sieve.models.ReferenceModels;
import dev.sieve.nn.Adam;
import dev.sieve.nn.CrossEntropyLoss;
import dev.sieve.nn.Layer;
import dev.sieve.nn.LrScheduler;
import dev.sieve.nn.Schedules;
import dev.sieve.train.Evaluation;
import dev.sieve.train.Trainer;
import dev.sieve.tensor.Tensor;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sieve train}: trains a reference model on Fashion-MNIST and reports test accuracy per epoch. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a reference model on Fashion-MNIST (Adam, cross-entropy, seeded shuffling);",
                "report test accuracy and wall seconds per epoch.",
                "A progress bar goes to standard error when it is a terminal and --json is not given."})
public final class TrainCommand implements Callable<Integer> {
    /** Pixel mean and standard deviation of the Fashion-MNIST training set (pixels in [0, 1]). */
    public static final float MEAN = 0.2860f, STD = 0.3530f;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "NAME",
            description = "Model to train: ${COMPLETION-CANDIDATES}.", completionCandidates = ModelNames.class)
    String model;

    @Option(names = "--epochs", defaultValue = "5", paramLabel = "E", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "128", paramLabel = "B", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", paramLabel = "LR", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--schedule", defaultValue = "cosine", paramLabel = "NAME",
            description = "Learning-rate schedule over all steps: constant or cosine (annealed to 0; default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S",
            description = "Seed for initialisation and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Directory with the four Fashion-MNIST IDX files (default: $SIEVE_FASHION_MNIST, else "
                    + "/usr/share/datasets/fashion-mnist).")
    Path data;

    @Option(names = {"-o", "--output"}, paramLabel = "CKPT", description = "Write the trained state dict here (.safetensors).")
    Path output;

    @Option(names = "--normalize", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Standardise pixels with the Fashion-MNIST training mean 0.2860 and std 0.3530, as the usual "
                    + "PyTorch pipeline (transforms.Normalize) does (default: on; --no-normalize keeps [0, 1]).")
    boolean normalize;

    @Option(names = "--json", description = "End the output with one JSON line (and no progress bar).")
    boolean json;

    @CommandLine.Mixin
    ThreadsOption threadsOption;

    /** The reference model names, for help and completion. */
    static final class ModelNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ReferenceModels.names().iterator();
        }
    }

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        ReferenceModel ref = ReferenceModels.find(model).orElseThrow(() -> new CommandLine.ParameterException(cl,
                "--model " + model + ": unknown model; choose one of " + String.join(", ", ReferenceModels.names())));
        if (epochs < 1) throw new CommandLine.ParameterException(cl, "--epochs must be >= 1, got " + epochs);
        if (batch < 1) throw new CommandLine.ParameterException(cl, "--batch must be >= 1, got " + batch);
        if (!(lr > 0) || Double.isInfinite(lr)) throw new CommandLine.ParameterException(cl, "--lr must be a positive number, got " + lr);
        if (!schedule.equals("constant") && !schedule.equals("cosine"))
            throw new CommandLine.ParameterException(cl, "--schedule must be constant or cosine, got " + schedule);
        int threads = threadsOption.apply();

        FashionMnist.Data train = load(FashionMnist.Split.TRAIN);
        FashionMnist.Data test = load(FashionMnist.Split.TEST);
        Tensor trainX = examples(train.images(), train.size(), ref, normalize);
        Tensor testX = examples(test.images(), test.size(), ref, normalize);

        PrintWriter out = cl.getOut();
        out.printf(Locale.ROOT, "train %s (%s)  train=%d test=%d  epochs=%d batch=%d lr=%s schedule=%s seed=%d threads=%d%n",
                ref.name(), ref.description(), train.size(), test.size(), epochs, batch, lr, schedule, seed, threads);
        out.flush();

        Layer net = ref.create(seed);
        Adam opt = new Adam(net.parameters(), lr);
        BatchLoader loader = new BatchLoader(trainX, train.labels(), batch, true, seed, false);
        LrScheduler scheduler = schedule.equals("cosine")
                ? new LrScheduler(opt, Schedules.cosine(lr, epochs * loader.batchCount(), 0)) : null;
        Trainer trainer = new Trainer(net, opt, new CrossEntropyLoss(), scheduler);
        boolean progress = !json && stderrIsTerminal();

        double totalSeconds = 0, lastLoss = Double.NaN, lastAccuracy = Double.NaN;
        for (int epoch = 0; epoch < epochs; epoch++) {
            Trainer.EpochResult r;
            try (ProgressBar bar = progress ? bar(epoch, loader.batchCount()) : null) {
                r = trainer.fitEpoch(loader, epoch, bar == null ? null : (done, meanLoss) -> {
                    bar.stepTo(done);
                    bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", meanLoss));
                });
            }
            totalSeconds += r.seconds();
            lastLoss = r.meanLoss();
            lastAccuracy = Evaluation.accuracy(net, testX, test.labels(), 1000);
            out.printf(Locale.ROOT, "epoch %d/%d  train loss %.4f  test accuracy %.2f%%  %.2f s%n",
                    epoch + 1, epochs, lastLoss, 100 * lastAccuracy, r.seconds());
            out.flush();
        }
        double epochSeconds = totalSeconds / epochs;

        if (output != null) {
            try {
                Checkpoints.save(output, ref.name(), net, normalize
                        ? Map.of(Checkpoints.INPUT_MEAN_KEY, Float.toString(MEAN), Checkpoints.INPUT_STD_KEY, Float.toString(STD))
                        : Map.of());
            } catch (IOException e) {
                throw new InputException(output.toString(), "cannot write checkpoint: " + message(e), e);
            }
            out.println("wrote " + output);
        }
        if (json) {
            out.println(new Json().put("model", ref.name()).put("epochs", epochs).put("test_accuracy", lastAccuracy)
                    .put("epoch_seconds", epochSeconds).put("train_loss", lastLoss).put("threads", threads)
                    .put("batch", batch).put("lr", lr).put("schedule", schedule).put("seed", seed).put("normalize", normalize));
        }
        out.flush();
        return 0;
    }

    private FashionMnist.Data load(FashionMnist.Split split) {
        String where = data != null ? data.toString() : FashionMnist.DEBIAN_DIR.toString();
        try {
            return FashionMnist.load(data, split);
        } catch (NoSuchFileException e) {
            throw new InputException(where, e.getReason() != null ? e.getReason() : "Fashion-MNIST not found; install "
                    + FashionMnist.DEBIAN_PACKAGE + " (scripts/fetch-fashion-mnist)", e);
        } catch (IOException e) {
            throw new InputException(where, message(e), e);
        }
    }

    /** The images as [n, ...exampleDims] of the model, standardised when asked. */
    static Tensor examples(Tensor images, int n, ReferenceModel ref, boolean normalize) {
        int[] ex = ref.exampleDims();
        int[] dims = new int[ex.length + 1];
        dims[0] = n;
        System.arraycopy(ex, 0, dims, 1, ex.length);
        float[] v = images.toArray();
        if (normalize) for (int i = 0; i < v.length; i++) v[i] = (v[i] - MEAN) / STD;
        return Tensor.of(v, dims);
    }

    private static ProgressBar bar(int epoch, int batches) {
        return new ProgressBarBuilder().setTaskName("epoch " + (epoch + 1)).setInitialMax(batches)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(250).build();
    }

    /** A terminal on standard error: {@code System.console()} exists and (JDK 22+) really is a terminal. */
    private static boolean stderrIsTerminal() {
        Console c = System.console();
        return c != null && c.isTerminal();
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
