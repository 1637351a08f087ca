package dev.sieve.cli.commands;

import dev.sieve.cli.ThreadsOption;
import dev.sieve.cli.util.Json;
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
import picocli.CommandLine.Option;

/** {@code sieve bench gemm}: dense C[M,N] = A[M,K] · B[K,N] with Sieve's GEMM. */
@Command(name = "gemm", mixinStandardHelpOptions = true,
        description = {"Time Sieve's dense GEMM C[M,N] = A[M,K] · B[K,N] (row-major) on random data.",
                "With --transpose-b, B is stored [N,K] as a Linear layer's weight (C = X · W^T)."})
public final class BenchGemmCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--m", required = true, paramLabel = "M", description = "Rows of A and C (tokens).")
    int m;

    @Option(names = "--k", required = true, paramLabel = "K", description = "Columns of A, rows of B.")
    int k;

    @Option(names = "--n", required = true, paramLabel = "N", description = "Columns of B and C.")
    int n;

    @Option(names = "--transpose-b", description = "Store B as [N,K] and multiply by its transpose.")
    boolean transposeB;

    @Option(names = "--runs", defaultValue = "20", paramLabel = "R", description = "Timed runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--json", description = "End the output with one JSON line.")
    boolean json;

    @CommandLine.Mixin
    ThreadsOption threadsOption;

    @Override
    public Integer call() {
        if (m < 1 || k < 1 || n < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--m, --k and --n must be >= 1");
        }
        if ((long) m * k > Integer.MAX_VALUE - 16 || (long) k * n > Integer.MAX_VALUE - 16 || (long) m * n > Integer.MAX_VALUE - 16) {
            throw new CommandLine.ParameterException(spec.commandLine(), "matrices of more than 2^31 elements are not supported");
        }
        if (runs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--runs must be >= 1");
        }
        int threads = threadsOption.apply();
        float[] a = Tensor.uniform(1, -1, 1, m * k).data(), b = Tensor.uniform(2, -1, 1, k * n).data(), c = new float[m * n];
        int ldb = transposeB ? k : n;
        Timing.Result t = Timing.measure(
                () -> Gemm.sgemm(false, transposeB, m, n, k, 1f, a, 0, k, b, 0, ldb, 0f, c, 0, n, Parallel.runtime()),
                5, 300, runs, runs * 5);
        double gflops = 2.0 * m * k * n / (t.minMs() * 1e6);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "gemm %dx%dx%d%s  threads=%d  kernels=%s%n", m, k, n, transposeB ? " (B transposed)" : "",
                threads, VectorizationProvider.get().name());
        out.printf(Locale.ROOT, "  min %.3f ms  median %.3f ms  (%d runs)  %.1f GFLOP/s%n", t.minMs(), t.medianMs(), t.runs(), gflops);
        if (json) {
            out.println(new Json().put("op", "gemm").put("m", m).put("k", k).put("n", n).put("transpose_b", transposeB)
                    .put("threads", threads).put("ms", t.minMs()).put("median_ms", t.medianMs()).put("gflops", gflops));
        }
        out.flush();
        return 0;
    }

}
