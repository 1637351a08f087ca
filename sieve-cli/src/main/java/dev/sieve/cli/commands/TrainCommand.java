package dev.sieve.cli.commands;

import dev.sieve.autograd.NoGrad;
import dev.sieve.autograd.Variable;
import dev.sieve.cli.InputException;
import dev.sieve.cli.ThreadsOption;
import dev.sieve.cli.util.Json;
import dev.sieve.io.Safetensors;
import dev.sieve.io.data.Batch;
import dev.sieve.io.data.BatchLoader;
import dev.sieve.io.data.FashionMnist;
import dev.sieve.models.Mlp;
import dev.sieve.nn.Adam;
import dev.sieve.nn.CrossEntropyLoss;
import dev.sieve.tensor.Tensor;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
                "report test accuracy and wall seconds per epoch. Models: mlp (784-300-100-10, ReLU).",
                "A progress bar goes to standard error when it is a terminal and --json is not given."})
public final class TrainCommand implements Callable<Integer> {
    /** Pixel mean and standard deviation of the Fashion-MNIST training set (pixels in [0, 1]). */
    static final float MEAN = 0.2860f, STD = 0.3530f;

    private static final Set<String> FUTURE_MODELS = Set.of("cnn", "lstm", "transformer");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "Model to train: mlp.")
    String model;

    @Option(names = "--epochs", defaultValue = "5", paramLabel = "E", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "128", paramLabel = "B", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", paramLabel = "LR", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

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

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (FUTURE_MODELS.contains(model)) {
            throw new CommandLine.ParameterException(cl, "--model " + model + ": not available yet: only mlp");
        }
        if (!model.equals("mlp")) {
            throw new CommandLine.ParameterException(cl, "--model " + model + ": unknown model; only mlp is available");
        }
        if (epochs < 1) throw new CommandLine.ParameterException(cl, "--epochs must be >= 1, got " + epochs);
        if (batch < 1) throw new CommandLine.ParameterException(cl, "--batch must be >= 1, got " + batch);
        if (!(lr > 0) || Double.isInfinite(lr)) throw new CommandLine.ParameterException(cl, "--lr must be a positive number, got " + lr);
        int threads = threadsOption.apply();

        FashionMnist.Data train = load(FashionMnist.Split.TRAIN);
        FashionMnist.Data test = load(FashionMnist.Split.TEST);
        Tensor trainX = train.images().reshape(train.size(), Mlp.IN);
        Tensor testX = test.images().reshape(test.size(), Mlp.IN);
        if (normalize) {
            trainX = standardise(trainX);
            testX = standardise(testX);
        }

        PrintWriter out = cl.getOut();
        out.printf(Locale.ROOT, "train mlp 784-300-100-10  train=%d test=%d  epochs=%d batch=%d lr=%s seed=%d threads=%d%n",
                train.size(), test.size(), epochs, batch, lr, seed, threads);
        out.flush();

        Mlp net = new Mlp(seed);
        Adam opt = new Adam(net.parameters(), lr);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        BatchLoader loader = new BatchLoader(trainX, train.labels(), batch, true, seed, false);
        boolean progress = !json && stderrIsTerminal();

        double totalSeconds = 0, lastLoss = Double.NaN, lastAccuracy = Double.NaN;
        for (int epoch = 0; epoch < epochs; epoch++) {
            net.train();
            double lossSum = 0;
            long seen = 0;
            ProgressBar bar = progress ? bar(epoch, loader.batchCount()) : null;
            long t0 = System.nanoTime();
            try {
                for (Batch b : loader.epoch(epoch)) {
                    opt.zeroGrad();
                    Variable loss = ce.forward(net.forward(Variable.constant(b.inputs())), b.labels());
                    loss.backward();
                    opt.step();
                    double l = loss.value().item();
                    lossSum += l * b.size();
                    seen += b.size();
                    if (bar != null) {
                        bar.step();
                        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", lossSum / seen));
                    }
                }
            } finally {
                if (bar != null) bar.close();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            totalSeconds += seconds;
            lastLoss = lossSum / seen;
            lastAccuracy = accuracy(net, testX, test.labels());
            out.printf(Locale.ROOT, "epoch %d/%d  train loss %.4f  test accuracy %.2f%%  %.2f s%n",
                    epoch + 1, epochs, lastLoss, 100 * lastAccuracy, seconds);
            out.flush();
        }
        double epochSeconds = totalSeconds / epochs;

        if (output != null) {
            Safetensors.Builder b = Safetensors.builder();
            for (Map.Entry<String, Tensor> e : net.stateDict().entrySet()) b.put(e.getKey(), e.getValue());
            try {
                b.metadata("format", "pt").metadata("model", "mlp").write(output);
            } catch (IOException e) {
                throw new InputException(output.toString(), "cannot write checkpoint: " + message(e), e);
            }
            out.println("wrote " + output);
        }
        if (json) {
            out.println(new Json().put("model", "mlp").put("epochs", epochs).put("test_accuracy", lastAccuracy)
                    .put("epoch_seconds", epochSeconds).put("train_loss", lastLoss).put("threads", threads)
                    .put("batch", batch).put("lr", lr).put("seed", seed).put("normalize", normalize));
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

    /** (x - MEAN) / STD, elementwise, into a new tensor. */
    private static Tensor standardise(Tensor x) {
        float[] v = x.toArray();
        for (int i = 0; i < v.length; i++) v[i] = (v[i] - MEAN) / STD;
        return Tensor.of(v, x.dims());
    }

    /** Fraction of correct argmax predictions, evaluated in eval mode without gradients. */
    static double accuracy(Mlp net, Tensor x, int[] labels) {
        net.eval();
        int n = labels.length, cols = Mlp.IN, chunk = 1000, correct = 0;
        float[] all = x.data();
        int base = x.offset();
        try (NoGrad g = NoGrad.enter()) {
            for (int start = 0; start < n; start += chunk) {
                int m = Math.min(chunk, n - start);
                float[] rows = new float[m * cols];
                System.arraycopy(all, base + start * cols, rows, 0, m * cols);
                float[] logits = net.forward(Variable.constant(Tensor.of(rows, m, cols))).value().toArray();
                int classes = logits.length / m;
                for (int i = 0; i < m; i++) {
                    int best = 0;
                    for (int c = 1; c < classes; c++) if (logits[i * classes + c] > logits[i * classes + best]) best = c;
                    if (best == labels[start + i]) correct++;
                }
            }
        }
        net.train();
        return n == 0 ? Double.NaN : (double) correct / n;
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
