package dev.sieve.cli.commands;

import dev.sieve.autograd.NoGrad;
import dev.sieve.autograd.Variable;
import dev.sieve.cli.InputException;
import dev.sieve.cli.InputFiles;
import dev.sieve.cli.ThreadsOption;
import dev.sieve.cli.train.FashionMnistFiles;
import dev.sieve.io.Npy;
import dev.sieve.io.NpyArray;
import dev.sieve.models.Checkpoints;
import dev.sieve.tensor.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sieve run CKPT --input input=X.npy -o OUT.npy}: inference with a saved reference model. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a reference-model checkpoint (written by sieve train -o) on a batch of inputs and",
                "write the logits [n, classes] as .npy.",
                "",
                "The model is rebuilt from the checkpoint's model metadata. The input is named 'input' and holds",
                "n images as [n, 28, 28], [n, 1, 28, 28] or [n, 784] (one image without the batch axis is a batch",
                "of one), with pixels in [0, 1]; the standardisation recorded at training time is applied."})
public final class RunCommand implements Callable<Integer> {
    static final String INPUT_NAME = "input";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CKPT", description = "Checkpoint (.safetensors) from sieve train.")
    String checkpoint;

    @Option(names = "--input", required = true, paramLabel = "NAME=FILE.npy", description = "The model input: input=FILE.npy.")
    Map<String, String> inputs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.npy", description = "Where to write the logits (.npy).")
    String output;

    @Option(names = "--batch", defaultValue = "1000", paramLabel = "B",
            description = "Examples per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @CommandLine.Mixin
    ThreadsOption threadsOption;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        if (!InputFiles.extension(output).equals(".npy"))
            throw new CommandLine.ParameterException(cl, "-o must name a .npy file, got '" + output + "'");
        if (batch < 1) throw new CommandLine.ParameterException(cl, "--batch must be >= 1, got " + batch);
        for (String name : inputs.keySet()) {
            if (!name.equals(INPUT_NAME))
                throw new CommandLine.ParameterException(cl, "--input " + name + "=...: the reference models take one input named '"
                        + INPUT_NAME + "'");
        }
        threadsOption.apply();

        Checkpoints.Loaded loaded = InputFiles.read(checkpoint, Checkpoints::load);
        String inputFile = inputs.get(INPUT_NAME);
        Tensor x = InputFiles.read(inputFile, p -> {
            if (!InputFiles.extension(p.toString()).equals(".npy")) throw new dev.sieve.io.FormatException("expected a .npy file");
            NpyArray a = Npy.read(p);
            return a.toTensor();
        });
        x = asBatch(x, loaded.reference().exampleDims(), inputFile);
        standardise(x, loaded.metadata(), checkpoint);

        long t0 = System.nanoTime();
        Tensor logits = forward(loaded, x);
        double ms = (System.nanoTime() - t0) / 1e6;
        Npy.write(Path.of(output), logits);

        PrintWriter out = cl.getOut();
        out.printf(Locale.ROOT, "%s: %s  input %s -> logits %s in %.1f ms -> %s%n", checkpoint, loaded.reference().name(),
                Arrays.toString(x.dims()), Arrays.toString(logits.dims()), ms, output);
        out.flush();
        return 0;
    }

    /** {@code x} reshaped to [n, ...exampleDims]: any shape whose trailing elements make whole examples. */
    static Tensor asBatch(Tensor x, int[] exampleDims, String file) {
        int per = 1;
        for (int d : exampleDims) per *= d;
        int[] dims = x.dims();
        long total = x.size();
        int n;
        if (dims.length >= 1 && total % per == 0 && productFrom(dims, 1) == per) n = dims[0];
        else if (total == per) n = 1;
        else throw new InputException(file, "shape " + x.shape() + " is not a batch of examples of " + per
                + " values (e.g. [n, 28, 28], [n, 1, 28, 28] or [n, 784])");
        int[] out = new int[exampleDims.length + 1];
        out[0] = n;
        System.arraycopy(exampleDims, 0, out, 1, exampleDims.length);
        return x.copy().reshape(out);
    }

    private static long productFrom(int[] dims, int from) {
        long p = 1;
        for (int i = from; i < dims.length; i++) p *= dims[i];
        return p;
    }

    /** Applies the checkpoint's recorded (x − mean) / std in place, if it has one. */
    static void standardise(Tensor x, Map<String, String> metadata, String checkpoint) {
        String mean = metadata.get(Checkpoints.INPUT_MEAN_KEY), std = metadata.get(Checkpoints.INPUT_STD_KEY);
        if (mean == null && std == null) return;
        float m, s;
        try {
            m = Float.parseFloat(mean);
            s = Float.parseFloat(std);
        } catch (NumberFormatException | NullPointerException e) {
            throw new InputException(checkpoint, "bad input standardisation in the metadata: mean " + mean + ", std " + std);
        }
        if (!(s > 0) || !Float.isFinite(m)) throw new InputException(checkpoint, "bad input standardisation: mean " + mean + ", std " + std);
        FashionMnistFiles.standardise(x, m, s);
    }

    private Tensor forward(Checkpoints.Loaded loaded, Tensor x) {
        int n = x.dim(0);
        Tensor result = null;
        try (NoGrad ignored = NoGrad.enter()) {
            for (int start = 0; start < n; start += batch) {
                int m = Math.min(batch, n - start);
                Tensor y = loaded.model().forward(Variable.constant(x.slice(0, start, start + m).copy())).value();
                if (result == null) {
                    int[] d = y.dims();
                    d[0] = n;
                    result = Tensor.zeros(d);
                }
                int row = y.size() / m;
                System.arraycopy(y.data(), y.offset(), result.data(), start * row, y.size());
            }
        }
        if (result == null) {
            // No examples: run one dummy example only to learn the output width.
            throw new InputException(inputs.get(INPUT_NAME), "has no examples (leading dimension 0)");
        }
        return result;
    }
}
