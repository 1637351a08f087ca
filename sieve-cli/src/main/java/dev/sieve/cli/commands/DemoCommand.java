package dev.sieve.cli.commands;

import dev.sieve.cli.ThreadsOption;
import dev.sieve.cli.util.Timing;
import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.kernel.gemm.Gemm;
import dev.sieve.parallel.Parallel;
import dev.sieve.tensor.Tensor;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code sieve demo}: the main job. Until the pruning toolkit lands this is the kernel showcase: the
 * dense GEMM on the BERT-base Linear shapes, as a Linear layer runs them (Y = X · W^T).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the showcase end to end: Sieve's dense GEMM on the BERT-base Linear shapes",
                "(Y[tokens,out] = X[tokens,in] · W[out,in]^T), min and median time and GFLOP/s."})
public final class DemoCommand implements Callable<Integer> {
    /** tokens, in, out: the three BERT-base Linear shapes at 128 tokens, and a square reference. */
    private static final int[][] SHAPES = {{128, 768, 768}, {128, 768, 3072}, {128, 3072, 768}, {1024, 1024, 1024}};

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ThreadsOption threadsOption;

    @Override
    public Integer call() {
        int threads = threadsOption.apply();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Sieve demo: dense GEMM showcase (%s, %d threads)%n", VectorizationProvider.get().name(), threads);
        out.println("Y[M,N] = X[M,K] · W[N,K]^T, the product every Linear layer computes.");
        out.println();
        out.printf(Locale.ROOT, "%-22s %10s %10s %10s%n", "shape MxKxN", "min ms", "median ms", "GFLOP/s");
        for (int[] s : SHAPES) {
            int m = s[0], k = s[1], n = s[2];
            float[] x = Tensor.uniform(11, -1, 1, m * k).data(), w = Tensor.uniform(12, -1, 1, n * k).data(), y = new float[m * n];
            Timing.Result t = Timing.measure(
                    () -> Gemm.sgemm(false, true, m, n, k, 1f, x, 0, k, w, 0, k, 0f, y, 0, n, Parallel.runtime()),
                    5, 300, 10, 40);
            out.printf(Locale.ROOT, "%-22s %10.3f %10.3f %10.1f%n", m + "x" + k + "x" + n, t.minMs(), t.medianMs(),
                    2.0 * m * k * n / (t.minMs() * 1e6));
            out.flush();
        }
        out.println();
        out.println("Compare: ../shared/peers/openblas_gemm.py M K N 2 (OpenBLAS, same machine); see docs/benchmarks.md.");
        out.flush();
        return 0;
    }

}
