package dev.sieve.cli.commands;

import dev.sieve.cli.InputException;
import dev.sieve.cli.ThreadsOption;
import dev.sieve.cli.train.EpochRunner;
import dev.sieve.cli.train.FashionMnistFiles;
import dev.sieve.cli.train.ModelLatency;
import dev.sieve.cli.train.PruneSettings;
import dev.sieve.cli.util.Json;
import dev.sieve.cli.util.Terminal;
import dev.sieve.io.data.BatchLoader;
import dev.sieve.io.data.FashionMnist;
import dev.sieve.models.Checkpoints;
import dev.sieve.models.ReferenceModel;
import dev.sieve.models.ReferenceModels;
import dev.sieve.nn.Adam;
import dev.sieve.nn.Layer;
import dev.sieve.nn.LrScheduler;
import dev.sieve.nn.Schedules;
import dev.sieve.prune.Pruner;
import dev.sieve.train.Evaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sieve train}: trains a reference model on Fashion-MNIST, optionally pruning it gradually. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a reference model on Fashion-MNIST (Adam, cross-entropy, seeded shuffling);",
                "report test accuracy and wall seconds per epoch.",
                "With --prune-to S, then prune it to sparsity S (--layout, --method, --schedule) over --prune-epochs",
                "and fine-tune for --finetune-epochs at S, convert the pruned Linears to the layout, and report",
                "the dense and the pruned accuracy.",
                "A progress bar goes to standard error when it is a terminal and --json is not given."})
public final class TrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "NAME",
            description = "Model to train: ${COMPLETION-CANDIDATES}.", completionCandidates = ModelNames.class)
    String model;

    @Option(names = "--epochs", defaultValue = "5", paramLabel = "E", description = "Dense training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "128", paramLabel = "B", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", paramLabel = "LR", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--lr-schedule", defaultValue = "cosine", paramLabel = "NAME",
            description = "Learning rate over each phase: cosine (annealed to 0) or constant (default: ${DEFAULT-VALUE}).")
    String lrSchedule;

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

    @Option(names = "--init", paramLabel = "CKPT",
            description = "Start from this checkpoint's weights (from sieve train -o) instead of a fresh initialisation. "
                    + "It must hold the --model, dense, trained with the same --normalize. With --prune-to, --epochs 0 prunes it "
                    + "without further dense training.")
    Path init;

    @Option(names = "--prune-to", paramLabel = "S", description = "After dense training, prune to this sparsity (0 < S < 1).")
    Double pruneTo;

    @Option(names = "--layout", defaultValue = "csr", paramLabel = "L",
            description = "Target layout of the pruned weights (csr, bsr:RxC, nm:N:M, nmg:N:M:G, tw:G, ...; default: ${DEFAULT-VALUE}).")
    String layoutName;

    @Option(names = "--method", defaultValue = "magnitude", paramLabel = "M",
            description = "Importance score: magnitude, taylor, movement, wanda or sparsegpt (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--schedule", defaultValue = "cubic", paramLabel = "NAME",
            description = "Pruning schedule: cubic (Zhu & Gupta, mask update every 50 steps), oneshot, or stages "
                    + "(25/50/75% ... then S) (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--global", description = "One magnitude threshold across all layers instead of one per layer (unstructured, bsr, tw).")
    boolean global;

    @Option(names = "--prune-epochs", defaultValue = "4", paramLabel = "P", description = "Epochs over which the sparsity ramps up (default: ${DEFAULT-VALUE}).")
    int pruneEpochs;

    @Option(names = "--finetune-epochs", defaultValue = "2", paramLabel = "F", description = "Epochs of fine-tuning at the final sparsity (default: ${DEFAULT-VALUE}).")
    int finetuneEpochs;

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
        if (epochs < 0 || (epochs == 0 && pruneTo == null))
            throw new CommandLine.ParameterException(cl, "--epochs must be >= 1 (>= 0 with --prune-to), got " + epochs);
        if (batch < 1) throw new CommandLine.ParameterException(cl, "--batch must be >= 1, got " + batch);
        if (!(lr > 0) || Double.isInfinite(lr)) throw new CommandLine.ParameterException(cl, "--lr must be a positive number, got " + lr);
        if (!lrSchedule.equals("constant") && !lrSchedule.equals("cosine"))
            throw new CommandLine.ParameterException(cl, "--lr-schedule must be constant or cosine, got " + lrSchedule);
        PruneSettings prune = pruneTo == null ? null : pruneSettings(cl);
        int threads = threadsOption.apply();

        Layer net = init == null ? ref.create(seed) : initialWeights(ref);
        FashionMnistFiles.Split train = FashionMnistFiles.load(data, FashionMnist.Split.TRAIN, ref, normalize);
        FashionMnistFiles.Split test = FashionMnistFiles.load(data, FashionMnist.Split.TEST, ref, normalize);

        PrintWriter out = cl.getOut();
        out.printf(Locale.ROOT, "train %s (%s)  train=%d test=%d  epochs=%d batch=%d lr=%s %s seed=%d threads=%d%n",
                ref.name(), ref.description(), train.size(), test.size(), epochs, batch, lr, lrSchedule, seed, threads);
        out.flush();

        if (init != null) out.println("initial weights from " + init);
        BatchLoader loader = new BatchLoader(train.inputs(), train.labels(), batch, true, seed, false);
        EpochRunner runner = new EpochRunner(net, loader, test, out, !json && Terminal.stderrIsTerminal());
        runner.phase("epoch", optimizer(net, epochs * loader.batchCount()), null, epochs, null);
        double denseAccuracy = epochs > 0 ? runner.lastAccuracy() : Evaluation.accuracy(net, test.inputs(), test.labels(), 1000);
        if (epochs == 0) out.printf(Locale.ROOT, "dense test accuracy %.2f%%%n", 100 * denseAccuracy);
        Layer dense = null; // a copy of the dense model, to time against the pruned one
        if (prune != null) {
            dense = ref.create(seed);
            dense.loadStateDict(net.stateDict());
        }

        Pruner pruner = null;
        if (prune != null) {
            int phaseEpochs = pruneEpochs + finetuneEpochs;
            int pruneSteps = pruneEpochs * loader.batchCount();
            pruner = prune.pruner(net, prune.schedule(schedule, pruneSteps));
            out.printf(Locale.ROOT, "prune %d weight matrices to %.1f%% (%s, %s%s, %s schedule over %d epochs) and fine-tune %d epochs%n",
                    pruner.names().size(), 100 * prune.target().sparsity(), method, prune.layout(), global ? ", global" : "",
                    schedule, pruneEpochs, finetuneEpochs);
            out.flush();
            EpochRunner.Optimization parts = optimizer(net, phaseEpochs * loader.batchCount());
            pruner.attach(parts.optimizer());
            runner.phase("prune", parts, pruner, phaseEpochs, pruner::sparsity);
            pruner.materialize(PruneSettings.MIN_SPARSE_WEIGHTS);
        }
        double accuracy = prune == null ? denseAccuracy : Evaluation.accuracy(net, test.inputs(), test.labels(), 1000);
        double[] latency = null;
        if (pruner != null) {
            out.printf(Locale.ROOT, "pruned to %.2f%%, weights held as %s: test accuracy %.2f%% (dense %.2f%%)%n",
                    100 * pruner.sparsity(), prune.layout(), 100 * accuracy, 100 * denseAccuracy);
            latency = latencies(dense, net, test.inputs().slice(0, 0, 1).copy());
            out.printf(Locale.ROOT, "latency, one image on one thread: dense p50 %.1f us, pruned p50 %.1f us (%.2fx faster)%n",
                    latency[0], latency[1], latency[0] / latency[1]);
        }

        if (output != null) {
            try {
                Checkpoints.save(output, ref.name(), net, normalize
                        ? Map.of(Checkpoints.INPUT_MEAN_KEY, Float.toString(FashionMnistFiles.MEAN),
                                Checkpoints.INPUT_STD_KEY, Float.toString(FashionMnistFiles.STD))
                        : Map.of());
            } catch (IOException e) {
                throw new InputException(output.toString(), "cannot write checkpoint: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
            }
            out.println("wrote " + output);
        }
        if (json) {
            Json j = new Json().put("model", ref.name()).put("epochs", epochs).put("test_accuracy", accuracy)
                    .put("epoch_seconds", runner.meanEpochSeconds()).put("train_loss", runner.lastLoss()).put("threads", threads)
                    .put("batch", batch).put("lr", lr).put("lr_schedule", lrSchedule).put("seed", seed).put("normalize", normalize);
            if (pruner != null) {
                j.put("sparsity", pruner.sparsity()).put("dense_accuracy", denseAccuracy).put("layout", prune.layout().toString())
                        .put("method", method).put("schedule", schedule).put("global", global)
                        .put("prune_epochs", pruneEpochs).put("finetune_epochs", finetuneEpochs)
                        .put("dense_p50_us", latency[0]).put("p50_us", latency[1]);
                if (init != null) j.put("init", init.toString());
            }
            out.println(j);
        }
        out.flush();
        return 0;
    }

    private PruneSettings pruneSettings(CommandLine cl) {
        if (pruneEpochs < 1) throw new CommandLine.ParameterException(cl, "--prune-epochs must be >= 1, got " + pruneEpochs);
        if (finetuneEpochs < 0) throw new CommandLine.ParameterException(cl, "--finetune-epochs must be >= 0, got " + finetuneEpochs);
        if (!List.of("cubic", "oneshot", "stages").contains(schedule))
            throw new CommandLine.ParameterException(cl, "--schedule must be cubic, oneshot or stages, got " + schedule);
        return PruneSettings.parse(cl, "--prune-to", pruneTo, layoutName, method, global);
    }

    /** The --init checkpoint as this run's model, checked against --model, --normalize and --prune-to. */
    private Layer initialWeights(ReferenceModel ref) {
        Checkpoints.Loaded loaded;
        try {
            loaded = Checkpoints.load(init);
        } catch (IOException e) {
            throw new InputException(init.toString(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
        if (!loaded.reference().name().equals(ref.name()))
            throw new InputException(init.toString(), "holds model " + loaded.reference().name() + ", not --model " + ref.name());
        boolean standardised = loaded.metadata().containsKey(Checkpoints.INPUT_MEAN_KEY);
        if (standardised != normalize)
            throw new InputException(init.toString(), standardised ? "was trained on standardised inputs: drop --no-normalize"
                    : "was trained on raw [0, 1] pixels: add --no-normalize");
        for (var m : loaded.model().namedModules().entrySet()) {
            if (m.getValue() instanceof dev.sieve.nn.Linear l && l.isSparse())
                throw new InputException(init.toString(), "layer " + m.getKey() + " is already sparse; --init needs a dense checkpoint");
        }
        loaded.model().train();
        return loaded.model();
    }

    /**
     * Median single-image latency (µs) of the dense and the pruned model, measured alternately in three
     * rounds so that both see the same machine load; the best round of each.
     */
    private static double[] latencies(Layer dense, Layer pruned, dev.sieve.tensor.Tensor one) {
        double d = Double.MAX_VALUE, p = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            d = Math.min(d, ModelLatency.singleImage(dense, one, 100, 500).p50Micros());
            p = Math.min(p, ModelLatency.singleImage(pruned, one, 100, 500).p50Micros());
        }
        return new double[] {d, p};
    }

    /** Adam with this run's learning rate, annealed over {@code steps} when the schedule is cosine. */
    private EpochRunner.Optimization optimizer(Layer net, int steps) {
        Adam opt = new Adam(net.parameters(), lr);
        LrScheduler scheduler = lrSchedule.equals("cosine") ? new LrScheduler(opt, Schedules.cosine(lr, Math.max(1, steps), 0)) : null;
        return new EpochRunner.Optimization(opt, scheduler);
    }
}
