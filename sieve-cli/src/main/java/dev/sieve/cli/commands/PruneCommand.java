package dev.sieve.cli.commands;

import dev.sieve.cli.InputException;
import dev.sieve.cli.InputFiles;
import dev.sieve.cli.ThreadsOption;
import dev.sieve.cli.train.FashionMnistFiles;
import dev.sieve.cli.train.PruneSettings;
import dev.sieve.cli.util.Json;
import dev.sieve.io.data.Batch;
import dev.sieve.io.data.BatchLoader;
import dev.sieve.io.data.FashionMnist;
import dev.sieve.models.Checkpoints;
import dev.sieve.prune.Calibration;
import dev.sieve.prune.LayerReport;
import dev.sieve.prune.Pruner;
import dev.sieve.tensor.Tensor;
import dev.sieve.train.Evaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sieve prune CKPT -o OUT --sparsity S --layout L --method M}: one-shot pruning of a checkpoint. */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {"Prune every weight matrix of a reference-model checkpoint (from sieve train -o) in one shot to",
                "sparsity S with an importance score, convert the pruned Linears to layout L, and write the",
                "pruned checkpoint. Wanda and SparseGPT calibrate on --calib training batches (layer by layer,",
                "each on the outputs of the layers pruned before it), Taylor and movement on their gradients.",
                "Test accuracy before and after is reported when Fashion-MNIST is available (--no-eval skips it)."})
public final class PruneCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CKPT", description = "Checkpoint (.safetensors) from sieve train.")
    String checkpoint;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Where to write the pruned checkpoint (.safetensors).")
    String output;

    @Option(names = "--sparsity", required = true, paramLabel = "S", description = "Target sparsity (0 < S < 1; n:m layouts fix their own).")
    double sparsity;

    @Option(names = "--layout", defaultValue = "csr", paramLabel = "L", description = "Layout of the pruned weights (default: ${DEFAULT-VALUE}).")
    String layoutName;

    @Option(names = "--method", defaultValue = "magnitude", paramLabel = "M",
            description = "magnitude, taylor, movement, wanda or sparsegpt (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--calib", defaultValue = "8", paramLabel = "N",
            description = "Calibration batches of 128 training images for the methods that need data (default: ${DEFAULT-VALUE}).")
    int calib;

    @Option(names = "--global", description = "One threshold across all layers instead of one per layer (unstructured, bsr, tw).")
    boolean global;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Fashion-MNIST directory (default: $SIEVE_FASHION_MNIST, else /usr/share/datasets/fashion-mnist).")
    Path data;

    @Option(names = "--eval", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Measure test accuracy before and after (default: on when the dataset is found).")
    boolean eval;

    @Option(names = "--json", description = "End the output with one JSON line.")
    boolean json;

    @CommandLine.Mixin
    ThreadsOption threadsOption;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        if (!InputFiles.extension(output).equals(".safetensors"))
            throw new CommandLine.ParameterException(cl, "-o must name a .safetensors file, got '" + output + "'");
        if (calib < 1) throw new CommandLine.ParameterException(cl, "--calib must be >= 1, got " + calib);
        PruneSettings settings = PruneSettings.parse(cl, "--sparsity", sparsity, layoutName, method, global);
        int threads = threadsOption.apply();

        Checkpoints.Loaded loaded = InputFiles.read(checkpoint, Checkpoints::load);
        boolean normalize = loaded.metadata().containsKey(Checkpoints.INPUT_MEAN_KEY);
        boolean needsData = !method.equalsIgnoreCase("magnitude");
        boolean haveData = data != null || FashionMnist.DEBIAN_DIR.resolve("t10k-labels-idx1-ubyte.gz").toFile().exists()
                || System.getenv("SIEVE_FASHION_MNIST") != null;
        FashionMnistFiles.Split test = eval && (haveData || needsData)
                ? FashionMnistFiles.load(data, FashionMnist.Split.TEST, loaded.reference(), normalize) : null;
        Calibration calibration = Calibration.none();
        if (needsData) {
            FashionMnistFiles.Split train = FashionMnistFiles.load(data, FashionMnist.Split.TRAIN, loaded.reference(), normalize);
            List<Batch> batches = Calibration.take(new BatchLoader(train.inputs(), train.labels(), 128, true, 0, false).epoch(0), calib);
            boolean gradients = method.equalsIgnoreCase("taylor") || method.equalsIgnoreCase("movement");
            if (gradients) calibration = Calibration.batches(batches);
            else {
                List<Tensor> inputs = new ArrayList<>();
                for (Batch b : batches) inputs.add(b.inputs());
                calibration = Calibration.inputs(inputs);
            }
        }

        PrintWriter out = cl.getOut();
        double before = test == null ? Double.NaN : Evaluation.accuracy(loaded.model(), test.inputs(), test.labels(), 1000);
        Pruner pruner;
        try {
            pruner = settings.pruner(loaded.model(), null);
            pruner.pruneNow(calibration);
            pruner.materialize(PruneSettings.MIN_SPARSE_WEIGHTS);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new InputException(checkpoint, "cannot prune " + loaded.reference().name() + ": " + e.getMessage(), e);
        }
        double after = test == null ? Double.NaN : Evaluation.accuracy(loaded.model(), test.inputs(), test.labels(), 1000);

        Map<String, String> meta = new HashMap<>(loaded.metadata());
        meta.remove(Checkpoints.MODEL_KEY);
        meta.remove("format");
        meta.keySet().removeIf(k -> k.equals("weight") || k.endsWith(".weight")); // old sparse entries, rewritten below
        meta.put("pruned", settings.method() + " " + settings.layout() + " " + String.format(Locale.ROOT, "%.4f", pruner.sparsity()));
        try {
            Checkpoints.save(Path.of(output), loaded.reference().name(), loaded.model(), meta);
        } catch (IOException e) {
            throw new InputException(output, "cannot write checkpoint: " + e.getMessage(), e);
        }
        long bytesBefore = Files.size(Path.of(checkpoint)), bytesAfter = Files.size(Path.of(output));

        out.print(LayerReport.table(pruner.report()));
        out.printf(Locale.ROOT, "%s: %s pruned to %.2f%% (%s, %s%s, %s calibration): %s -> %s, %d -> %d bytes on disk%n",
                checkpoint, loaded.reference().name(), 100 * pruner.sparsity(), method, settings.layout(), global ? ", global" : "",
                needsData ? calib + " batches" : "no", Double.isNaN(before) ? "accuracy not measured"
                        : String.format(Locale.ROOT, "test accuracy %.2f%%", 100 * before),
                Double.isNaN(after) ? output : String.format(Locale.ROOT, "%.2f%% -> %s", 100 * after, output), bytesBefore, bytesAfter);
        if (json) {
            out.println(new Json().put("model", loaded.reference().name()).put("method", method).put("layout", settings.layout().toString())
                    .put("sparsity", pruner.sparsity()).put("dense_accuracy", before).put("test_accuracy", after)
                    .put("bytes_before", bytesBefore).put("bytes_after", bytesAfter).put("threads", threads).put("output", output));
        }
        out.flush();
        return 0;
    }
}
