package dev.sieve.bench.einsum;

import dev.sieve.compile.CompiledEinsum;
import dev.sieve.compile.Einsum;
import dev.sieve.compile.format.Format;
import dev.sieve.compile.format.FormattedTensor;
import dev.sieve.compile.plan.Schedule;
import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.kernel.sparse.SpmmKernels;
import dev.sieve.ops.sparse.Operand;
import dev.sieve.ops.sparse.SparseOps;
import dev.sieve.parallel.Parallel;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * SpMV, SpMM, SpGEMM (A·A) and SDDMM on the matrices of varied structure in {@code ops/}: the compiled kernel
 * against Sieve's hand kernel on the same matrix, interleaved. The bar: compiled within 1.15x of hand.
 */
final class OpsBench {
    static final String SPMV = "y(i) = A(i,j) * x(j)";
    static final String SPMM = "C(i,j) = A(i,k) * B(k,j)";
    static final String SDDMM = "C(i,j) = S(i,j) * U(i,d) * V(j,d)";
    static final double BAR = 1.15;

    private final Workloads w;
    private final Report report;
    private final int warmup, rounds;

    OpsBench(Workloads w, Report report, int warmup, int rounds) {
        this.w = w;
        this.report = report;
        this.warmup = warmup;
        this.rounds = rounds;
    }

    void run(List<String> only) {
        Report.Table t = new Report.Table("SpMV / SpMM / SpGEMM / SDDMM: compiled (Einsum) vs Sieve hand kernels, threads "
                        + Parallel.threads() + " (ms per call; bar: compiled <= " + BAR + "x hand)",
                "matrix", "n", "nnz", "op", "compiled min", "compiled med", "hand min", "hand med", "compiled/hand", "<= 1.15x",
                "compiled GFLOP/s", "check");
        List<String> spgemm = w.list("ops.spgemm");
        for (String name : w.list("ops.matrices")) {
            if (only != null && !only.contains(name)) continue;
            CsrMatrix a = w.csr("ops/" + name + ".mtx");
            int n = a.rows();
            Tensor b = w.tensor("ops/B_" + n + ".npy"), x = w.tensor("ops/x_" + n + ".npy");
            Tensor u = w.tensor("ops/D1_" + n + ".npy"), v = w.tensor("ops/D2_" + n + ".npy");
            FormattedTensor fa = Bridge.csr(a);
            long nnz = a.nnz();

            Map<String, FormattedTensor> spmv = Map.of("A", fa, "x", Bridge.dense(x));
            SpmmKernels kernels = VectorizationProvider.get().kernels(SpmmKernels.class);
            pair(t, name, n, nnz, "spmv", 2.0 * nnz, SPMV, spmv, null,
                    () -> {
                        float[] y = new float[n];
                        kernels.spmv(a, x.data(), x.offset(), 0f, y, 0, Parallel.runtime());
                        return Tensor.wrap(y, n);
                    });

            Map<String, FormattedTensor> spmm = Map.of("A", fa, "B", Bridge.dense(b));
            pair(t, name, n, nnz, "spmm", 2.0 * nnz * b.dim(1), SPMM, spmm, null, () -> SparseOps.spmm(a, b));

            Map<String, FormattedTensor> sddmm = Map.of("S", fa, "U", Bridge.dense(u), "V", Bridge.dense(v));
            pair(t, name, n, nnz, "sddmm", 2.0 * nnz * u.dim(1), SDDMM, sddmm, null, () -> SparseOps.sddmm(a, u, v, true));

            if (spgemm.contains(name)) {
                Map<String, FormattedTensor> gemm = Map.of("A", fa, "B", fa);
                pair(t, name, n, nnz, "spgemm", 2.0 * spgemmFlops(a, a), SPMM, gemm, Format.csr(),
                        () -> ((Operand.Sparse) SparseOps.matmul(Operand.of(a), Operand.of(a))).matrix());
            }
        }
        report.print(t);
    }

    /** Times the compiled expression and the hand kernel interleaved, checks one against the other, reports both. */
    private void pair(Report.Table t, String matrix, int n, long nnz, String op, double flops, String expr,
                      Map<String, FormattedTensor> inputs, Format output, Supplier<Object> hand) {
        CompiledEinsum c = Einsum.compileFor(expr, inputs, output, Schedule.automatic());
        Supplier<Object> compiled = () -> c.evaluate(inputs);
        String check = check(compiled.get(), hand.get());
        List<Timing.Stats> s = Timing.interleaved(warmup, rounds,
                List.of(new Timing.Candidate("compiled", compiled::get), new Timing.Candidate("hand", hand::get)));
        Timing.Stats sc = s.get(0), sh = s.get(1);
        double ratio = sc.min() / sh.min();
        t.row(matrix, n, nnz, op, sc.min(), sc.median(), sh.min(), sh.median(), ratio, ratio <= BAR ? "yes" : "NO",
                Report.gflops(flops, sc.min()), check);
        for (Timing.Stats st : s) {
            report.emit(Report.line("ops", matrix, op, st.name()).put("n", n).put("nnz", nnz).put("threads", Parallel.threads())
                    .timing(st).put("gflops", Report.gflops(flops, st.min())).put("check", check)
                    .put("expr", st == sc ? expr : null).put("kernel_formats", st == sc ? formats(inputs) + " -> " + c.outputFormat() : null));
        }
    }

    static String formats(Map<String, FormattedTensor> inputs) {
        StringBuilder b = new StringBuilder();
        new java.util.TreeMap<>(inputs).forEach((k, v) -> b.append(b.isEmpty() ? "" : ",").append(k).append('=').append(v.format()));
        return b.toString();
    }

    /** "ok 3e-07" (max relative difference) or what differs. */
    static String check(Object compiled, Object hand) {
        FormattedTensor f = (FormattedTensor) compiled;
        double d;
        if (hand instanceof Tensor h) {
            d = Bridge.relDiff(Bridge.tensor(f), h);
        } else {
            CsrMatrix h = (CsrMatrix) hand;
            if (!f.format().equals(Format.csr())) return "output " + f.format();
            d = Bridge.relDiff(Bridge.csrMatrix(f), h);
            if (d == Double.POSITIVE_INFINITY) return "pattern differs (nnz " + f.nnz() + " vs " + h.nnz() + ")";
        }
        return (d <= 1e-4 ? "ok " : "DIFF ") + String.format(java.util.Locale.ROOT, "%.1e", d);
    }

    /** Multiply-adds of Gustavson's A·B: for each entry (i, k) of A, the entries of row k of B. */
    static long spgemmFlops(CsrMatrix a, CsrMatrix b) {
        int[] bp = b.rowPtr(), ac = a.colIdx();
        long f = 0;
        for (int p = 0; p < a.nnz(); p++) f += bp[ac[p] + 1] - bp[ac[p]];
        return f;
    }
}
