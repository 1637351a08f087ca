package dev.sieve.cli.commands;

import dev.sieve.cli.ThreadsOption;
import dev.sieve.cli.util.Timing;
import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.kernel.gemm.Gemm;
import dev.sieve.ops.sparse.SparseOps;
import dev.sieve.parallel.Parallel;
import dev.sieve.sparse.Layout;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.sparse.Sparsifiers;
import dev.sieve.tensor.Tensor;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code sieve bench showcase}: the kernel showcase: the dense GEMM on the BERT-base Linear shapes, as a
 * Linear layer runs them (Y = X · W^T), then the FFN weight in sparse layouts against the dense GEMM in
 * the same run.
 */
@Command(name = "showcase", mixinStandardHelpOptions = true,
        description = {"The kernel showcase: Sieve's dense GEMM on the BERT-base Linear shapes",
                "(Y[tokens,out] = X[tokens,in] · W[out,in]^T), min and median time and GFLOP/s; then the FFN",
                "weight W[3072,768] pruned into csr, bsr:4x4, tw:128 and nm:2:4 against dense, same run."})
public final class BenchShowcaseCommand implements Callable<Integer> {
    /** tokens, in, out: the three BERT-base Linear shapes at 128 tokens, and a square reference. */
    private static final int[][] SHAPES = {{128, 768, 768}, {128, 768, 3072}, {128, 3072, 768}, {1024, 1024, 1024}};

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ThreadsOption threadsOption;

    /** layout, sparsity: the BERT-base FFN up-projection W[3072, 768] in several layouts, 128 tokens. */
    private static final String[][] SPARSE = {{"csr", "0.9"}, {"bsr:4x4", "0.9"}, {"tw:128", "0.75"}, {"csr", "0.75"}, {"nm:2:4", "0.5"}};

    /** Sparse W · X^T against the dense GEMM on the same shape, in the same run. */
    private void sparseShowcase(PrintWriter out) {
        int m = 3072, k = 768, n = 128;
        out.println("Sparse W[3072, 768] · X^T[768, 128] (feature-major activations), against dense on the same shape:");
        Tensor w = Tensor.randn(21, m, k), x = Tensor.randn(22, k, n), c = Tensor.zeros(m, n);
        float[] cd = new float[m * n];
        Timing.Result dense = Timing.measure(() -> Gemm.sgemm(false, false, m, n, k, 1f, w.data(), 0, k, x.data(), 0, n, 0f,
                cd, 0, n, Parallel.runtime()), 5, 300, 10, 40);
        out.printf(Locale.ROOT, "%-10s %9s %10s %10s %10s%n", "layout", "sparsity", "min ms", "eff GF/s", "speedup");
        out.printf(Locale.ROOT, "%-10s %9s %10.3f %10.1f %10s%n", "dense", "0", dense.minMs(), 2.0 * m * k * n / (dense.minMs() * 1e6), "1.00x");
        for (String[] spec : SPARSE) {
            Layout layout = Layout.parse(spec[0]);
            double s = Double.parseDouble(spec[1]);
            SparseMatrix sw = Sparsifiers.forLayout(layout, s).sparsify(w);
            Timing.Result t = Timing.measure(() -> SparseOps.spmmInto(sw, x, c, false, Parallel.runtime()), 5, 300, 10, 40);
            out.printf(Locale.ROOT, "%-10s %9s %10.3f %10.1f %9.2fx%n", layout, spec[1], t.minMs(),
                    2.0 * sw.nnz() * n / (t.minMs() * 1e6), dense.minMs() / t.minMs());
            out.flush();
        }
    }

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
        sparseShowcase(out);
        out.println();
        out.println("Compare: ../shared/peers/openblas_gemm.py M K N 2 (OpenBLAS, same machine); see docs/benchmarks.md");
        out.println("and docs/kernels.md; scripts/spmm-sweep.py runs every layout against OpenBLAS and PyTorch CSR.");
        out.flush();
        return 0;
    }

}
