package dev.sieve.cli.commands;

import dev.sieve.cli.ThreadsOption;
import dev.sieve.cli.util.Json;
import dev.sieve.cli.util.Timing;
import dev.sieve.kernel.gemm.Gemm;
import dev.sieve.ops.sparse.SparseOps;
import dev.sieve.parallel.Parallel;
import dev.sieve.sparse.Layout;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.sparse.Sparsifier;
import dev.sieve.sparse.Sparsifiers;
import dev.sieve.tensor.Tensor;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sieve bench spmm}: sparse W[M,K] times activations X[K,N], against Sieve's dense GEMM. */
@Command(name = "spmm", mixinStandardHelpOptions = true,
        description = {"Time sparse W[M,K] · X[K,N] (N tokens, feature-major activations) with W held in a layout,",
                "and Sieve's dense GEMM on the same shape in the same run.",
                "W is random normal, pruned to the sparsity by the layout's randomized sparsifier (n:m and n:m:g",
                "fix their own sparsity, 1 - n/m). sparse_gflops = 2·nnz·N / time; dense_gflops = 2·M·K·N / time."})
public final class BenchSpmmCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--m", required = true, paramLabel = "M", description = "Rows of W (output features).")
    int m;

    @Option(names = "--k", required = true, paramLabel = "K", description = "Columns of W (input features).")
    int k;

    @Option(names = "--n", required = true, paramLabel = "N", description = "Tokens.")
    int n;

    @Option(names = "--sparsity", paramLabel = "S", description = "Fraction of W's entries that are zero (default: the layout's own for n:m/n:m:g, else 0.9).")
    Double sparsity;

    @Option(names = "--layout", required = true, paramLabel = "L", description = "csr, coo, csc, bsr:RxC, nm:N:M, nmg:N:M:G, tw:G, masked.")
    String layoutName;

    @Option(names = "--runs", defaultValue = "20", paramLabel = "R", description = "Timed runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for W, X and the random pruning.")
    long seed;

    @Option(names = "--token-major", description = {"Time the whole Linear product Y[N,M] = X[N,K] · W^T from token-major X,",
            "including the transposes in and out (default: feature-major Y^T = W · X^T, no transposes)."})
    boolean tokenMajor;

    @Option(names = "--json", description = "End the output with one JSON line.")
    boolean json;

    @CommandLine.Mixin
    ThreadsOption threadsOption;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (m < 1 || k < 1 || n < 1) throw new CommandLine.ParameterException(cl, "--m, --k and --n must be >= 1");
        if ((long) m * k > Integer.MAX_VALUE - 16 || (long) k * n > Integer.MAX_VALUE - 16 || (long) m * n > Integer.MAX_VALUE - 16) {
            throw new CommandLine.ParameterException(cl, "matrices of more than 2^31 elements are not supported");
        }
        if (runs < 1) throw new CommandLine.ParameterException(cl, "--runs must be >= 1");
        Layout layout;
        Sparsifier<? extends SparseMatrix> sparsifier;
        double s;
        try {
            layout = Layout.parse(layoutName);
            if (layout instanceof Layout.Dense) throw new IllegalArgumentException("--layout must be sparse (the dense GEMM always runs alongside)");
            s = sparsity != null ? sparsity : layout.impliedSparsity().orElse(0.9);
            if (!(s >= 0 && s < 1)) throw new IllegalArgumentException("--sparsity must be in [0, 1), got " + s);
            sparsifier = Sparsifiers.forLayout(layout, s).randomized(seed);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        int threads = threadsOption.apply();
        Tensor w = Tensor.randn(seed, m, k);
        Tensor x = Tensor.randn(seed + 1, k, n);
        SparseMatrix sparse = sparsifier.sparsify(w);
        Tensor dense = sparse.toDense();
        Tensor c = Tensor.zeros(m, n);
        long nnz = sparse.nnz();

        Tensor xTokenMajor = tokenMajor ? x.t() : null;
        Runnable sparseRun = tokenMajor ? () -> SparseOps.linear(xTokenMajor, sparse, null)
                : () -> SparseOps.spmmInto(sparse, x, c, false, Parallel.runtime());
        Timing.Result ts = Timing.measure(sparseRun, 5, 300, runs, runs * 5);
        float[] cd = new float[m * n];
        Timing.Result td = Timing.measure(() -> Gemm.sgemm(false, false, m, n, k, 1f, dense.data(), 0, k, x.data(), 0, n, 0f,
                cd, 0, n, Parallel.runtime()), 5, 300, runs, runs * 5);
        double sparseGflops = 2.0 * nnz * n / (ts.minMs() * 1e6);
        double denseGflops = 2.0 * m * k * n / (td.minMs() * 1e6);
        double achieved = 1.0 - (double) nnz / ((double) m * k);

        PrintWriter out = cl.getOut();
        out.printf(Locale.ROOT, "spmm W[%d x %d] %s, sparsity %.4f (nnz %d), X[%d x %d]%s, threads=%d%n", m, k, layout, achieved, nnz,
                k, n, tokenMajor ? " token-major (Linear with transposes)" : "", threads);
        out.printf(Locale.ROOT, "  sparse  min %.3f ms  median %.3f ms  %.1f effective GFLOP/s%n", ts.minMs(), ts.medianMs(), sparseGflops);
        out.printf(Locale.ROOT, "  dense   min %.3f ms  median %.3f ms  %.1f GFLOP/s%n", td.minMs(), td.medianMs(), denseGflops);
        out.printf(Locale.ROOT, "  speedup %.2fx over Sieve dense%n", td.minMs() / ts.minMs());
        if (json) {
            out.println(new Json().put("op", "spmm").put("layout", layout.toString()).put("m", m).put("k", k).put("n", n)
                    .put("sparsity", achieved).put("nnz", nnz).put("threads", threads).put("form", tokenMajor ? "token-major" : "feature-major").put("sparse_ms", ts.minMs())
                    .put("dense_ms", td.minMs()).put("sparse_gflops", sparseGflops).put("dense_gflops", denseGflops)
                    .put("speedup", td.minMs() / ts.minMs()));
        }
        out.flush();
        return 0;
    }
}
