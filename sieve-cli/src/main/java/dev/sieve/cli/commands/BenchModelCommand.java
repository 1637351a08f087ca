package dev.sieve.cli.commands;

import dev.sieve.cli.ThreadsOption;
import dev.sieve.cli.util.Json;
import dev.sieve.cli.util.Timing;
import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.models.BertEncoder;
import dev.sieve.nn.EncoderInference;
import dev.sieve.sparse.Layout;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.sparse.Sparsifier;
import dev.sieve.sparse.Sparsifiers;
import dev.sieve.tensor.Tensor;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sieve bench model}: inference latency of a reference model, dense or with pruned Linear weights. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = {"Time the forward pass (inference, no autograd) of a randomly initialised reference model on",
                "random input and report min and median latency. Models: bert-base (BERT-base-shaped encoder: 12 layers,",
                "hidden 768, 12 heads, FFN 3072, GELU, post-norm) and bert-tiny (2 layers, hidden 128, 2 heads, FFN 512).",
                "With --layout L (and --sparsity S) every Linear weight of the encoder (q/k/v, output, both FFN) is",
                "pruned by that layout's magnitude sparsifier and run by the layout's sparse kernel."})
public final class BenchModelCommand implements Callable<Integer> {
    private static final Map<String, BertEncoder.Config> MODELS = Map.of(
            "bert-base", BertEncoder.Config.BASE, "bert-tiny", BertEncoder.Config.TINY);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "bert-base or bert-tiny.")
    String model;

    @Option(names = "--seq", defaultValue = "128", paramLabel = "L", description = "Sequence length (default: ${DEFAULT-VALUE}).")
    int seq;

    @Option(names = "--batch", defaultValue = "1", paramLabel = "N", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--layout", defaultValue = "dense", paramLabel = "L",
            description = "Weight layout: dense (default), csr, coo, csc, bsr:RxC, nm:N:M, nmg:N:M:G, tw:G, masked.")
    String layoutName;

    @Option(names = "--sparsity", paramLabel = "S",
            description = "Fraction of each Linear weight pruned (default: the layout's own for n:m/n:m:g, else 0.9).")
    Double sparsity;

    @Option(names = "--warmup", defaultValue = "5", paramLabel = "W", description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--iterations", defaultValue = "20", paramLabel = "I", description = "Timed runs (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for the weights and the input (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--profile", description = "After timing, run the iterations again with per-stage timers and print the breakdown.")
    boolean profile;

    @Option(names = "--json", description = "End the output with one JSON line.")
    boolean json;

    @CommandLine.Mixin
    ThreadsOption threadsOption;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        BertEncoder.Config config = MODELS.get(model);
        if (config == null) throw new CommandLine.ParameterException(cl, "--model " + model + ": unknown model; available: bert-base, bert-tiny");
        if (seq < 1 || batch < 1) throw new CommandLine.ParameterException(cl, "--seq and --batch must be >= 1");
        if ((long) seq * batch * Math.max(3L * config.hidden(), config.intermediate()) > Integer.MAX_VALUE - 16
                || (long) seq * seq > Integer.MAX_VALUE - 16) {
            throw new CommandLine.ParameterException(cl, "--seq " + seq + " x --batch " + batch + " is too large (activations beyond 2^31 floats)");
        }
        if (warmup < 0) throw new CommandLine.ParameterException(cl, "--warmup must be >= 0");
        if (iterations < 1) throw new CommandLine.ParameterException(cl, "--iterations must be >= 1");
        Layout layout;
        Sparsifier<? extends SparseMatrix> sparsifier = null;
        try {
            layout = Layout.parse(layoutName);
            if (layout instanceof Layout.Dense) {
                if (sparsity != null && sparsity != 0) throw new IllegalArgumentException("--sparsity needs a sparse --layout");
            } else {
                double s = sparsity != null ? sparsity : layout.impliedSparsity().orElse(0.9);
                if (!(s >= 0 && s < 1)) throw new IllegalArgumentException("--sparsity must be in [0, 1), got " + s);
                sparsifier = Sparsifiers.forLayout(layout, s);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        int threads = threadsOption.apply();
        PrintWriter out = cl.getOut();

        BertEncoder bert = new BertEncoder(config, seed);
        bert.eval();
        long t0 = System.nanoTime();
        EncoderInference encoder = sparsifier == null ? bert.inference() : bert.inference(sparsifier);
        double pruneSeconds = (System.nanoTime() - t0) / 1e9;
        long[] counts = encoder.linearWeightCounts();
        double achieved = sparsifier == null ? 0.0 : 1.0 - (double) counts[0] / counts[1];
        Tensor x = Tensor.randn(seed + 1, batch, seq, config.hidden());

        out.printf(Locale.ROOT, "%s encoder: %d layers, hidden %d, %d heads, FFN %d; batch %d x seq %d; threads=%d; kernels=%s%n",
                model, config.layers(), config.hidden(), config.heads(), config.intermediate(), batch, seq, threads,
                VectorizationProvider.get().name());
        if (sparsifier == null) {
            out.printf(Locale.ROOT, "  layout dense (%d Linear weights)%n", counts[1]);
        } else {
            out.printf(Locale.ROOT, "  layout %s: Linear weights %.4f sparse (%d of %d kept), pruned in %.1f s%n", layout, achieved,
                    counts[0], counts[1], pruneSeconds);
        }
        out.flush();
        Timing.Result t = Timing.measure(() -> encoder.forward(x, true, null, null), warmup, 0, iterations, iterations);
        out.printf(Locale.ROOT, "  min %.3f ms  median %.3f ms  (%d runs after %d warm-up)%n", t.minMs(), t.medianMs(), t.runs(), warmup);
        if (profile) printProfile(out, encoder, x);
        if (json) {
            out.println(new Json().put("model", model).put("seq", seq).put("batch", batch).put("layout", layout.toString())
                    .put("sparsity", achieved).put("threads", threads).put("min_ms", t.minMs()).put("median_ms", t.medianMs()));
        }
        out.flush();
        return 0;
    }

    private void printProfile(PrintWriter out, EncoderInference encoder, Tensor x) {
        encoder.resetProfile();
        encoder.setProfiling(true);
        for (int i = 0; i < iterations; i++) encoder.forward(x, true, null, null);
        encoder.setProfiling(false);
        Map<EncoderInference.Stage, Double> p = encoder.profileMillis();
        double total = p.values().stream().mapToDouble(Double::doubleValue).sum();
        out.printf(Locale.ROOT, "  profile (mean per forward over %d runs, %.3f ms):%n", iterations, total / iterations);
        for (var e : p.entrySet()) {
            out.printf(Locale.ROOT, "    %-16s %8.3f ms  %5.1f%%%n", e.getKey().name().toLowerCase(Locale.ROOT), e.getValue() / iterations,
                    total == 0 ? 0 : 100 * e.getValue() / total);
        }
    }
}
