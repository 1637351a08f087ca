package dev.sieve.bench.einsum;

import dev.sieve.compile.CompiledEinsum;
import dev.sieve.compile.Einsum;
import dev.sieve.compile.format.Format;
import dev.sieve.compile.format.FormattedTensor;
import dev.sieve.compile.plan.Schedule;
import dev.sieve.ops.MatMul;
import dev.sieve.ops.sparse.Operand;
import dev.sieve.ops.sparse.SparseOps;
import dev.sieve.parallel.Parallel;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * GCN on the power-law graph in {@code gcn/}: the aggregation A·H alone (the bar: >= 6x torch.sparse.mm,
 * measured by scripts/einsum-vs-torch.py), and a 2-layer GCN end to end, relu(A · relu(A · X · W1) · W2), with W
 * dense (hand dense GEMM in both Sieve paths) or at 50/90/99% weight sparsity (X · W sparse: compiled with W in CSR,
 * or the hand dense-times-sparse path).
 */
final class GcnBench {
    static final String AGG = "C(i,j) = A(i,k) * H(k,j)";
    static final String XW = "T(i,j) = X(i,k) * W(k,j)";

    private final Workloads w;
    private final Report report;
    private final int warmup, rounds;
    private CsrMatrix a;
    private FormattedTensor fa;
    private Tensor h;

    GcnBench(Workloads w, Report report, int warmup, int rounds) {
        this.w = w;
        this.report = report;
        this.warmup = warmup;
        this.rounds = rounds;
    }

    private void load() {
        if (a != null) return;
        a = w.csr("gcn/A.mtx");
        fa = Bridge.csr(a);
        h = w.tensor("gcn/H.npy");
    }

    void aggregation() {
        load();
        Map<String, FormattedTensor> in = Map.of("A", fa, "H", Bridge.dense(h));
        CompiledEinsum c = Einsum.compileFor(AGG, in, null, Schedule.automatic());
        Supplier<Object> compiled = () -> c.evaluate(in), hand = () -> SparseOps.spmm(a, h);
        String check = OpsBench.check(compiled.get(), hand.get());
        List<Timing.Stats> s = Timing.interleaved(warmup, rounds,
                List.of(new Timing.Candidate("compiled", compiled::get), new Timing.Candidate("hand", hand::get)));
        double flops = 2.0 * a.nnz() * h.dim(1);
        Report.Table t = new Report.Table("GCN aggregation A·H: n " + a.rows() + ", nnz " + a.nnz() + ", F " + h.dim(1) + ", threads "
                + Parallel.threads() + " (torch.sparse.mm: scripts/einsum-vs-torch.py)", "impl", "min ms", "median ms", "GFLOP/s", "check");
        for (Timing.Stats st : s) {
            t.row(st.name(), st.min(), st.median(), Report.gflops(flops, st.min()), st == s.get(0) ? check : "reference");
            report.emit(Report.line("gcn", "gcn-agg", "A·H", st.name()).put("n", a.rows()).put("nnz", a.nnz()).put("f", h.dim(1))
                    .put("threads", Parallel.threads()).timing(st).put("gflops", Report.gflops(flops, st.min())).put("check", check));
        }
        t.row("compiled/hand", s.get(0).min() / s.get(1).min(), s.get(0).median() / s.get(1).median(), "", "");
        report.print(t);
    }

    void endToEnd() {
        load();
        Report.Table t = new Report.Table("2-layer GCN end to end, relu(A·relu(A·X·W1)·W2): n " + a.rows() + ", F " + h.dim(1)
                        + ", threads " + Parallel.threads(),
                "weights", "compiled min ms", "compiled med ms", "hand min ms", "hand med ms", "compiled/hand", "check");
        List<String> variants = new ArrayList<>(List.of("dense"));
        for (double s : w.doubles("gcn.sparsities")) variants.add("s" + Workloads.pct(s));
        for (String v : variants) {
            String suffix = v.equals("dense") ? "" : "_" + v;
            Tensor w1 = w.tensor("gcn/W1" + suffix + ".npy"), w2 = w.tensor("gcn/W2" + suffix + ".npy");
            Supplier<Tensor> hand = hand(w1, w2, v.equals("dense")), compiled = compiled(w1, w2, v.equals("dense"));
            String check = OpsBench.check(Bridge.dense(compiled.get()), hand.get());
            List<Timing.Stats> s = Timing.interleaved(warmup, rounds,
                    List.of(new Timing.Candidate("compiled", compiled::get), new Timing.Candidate("hand", hand::get)));
            t.row(v, s.get(0).min(), s.get(0).median(), s.get(1).min(), s.get(1).median(), s.get(0).min() / s.get(1).min(), check);
            for (Timing.Stats st : s) {
                report.emit(Report.line("gcn", "gcn-e2e", "W " + v, st.name()).put("n", a.rows()).put("nnz", a.nnz())
                        .put("threads", Parallel.threads()).timing(st).put("check", check));
            }
        }
        report.print(t);
    }

    /** Sieve's hand kernels: dense GEMM or dense-times-CSR for X·W, CSR SpMM for A·T. */
    private Supplier<Tensor> hand(Tensor w1, Tensor w2, boolean dense) {
        Operand o1 = dense ? Operand.of(w1) : Operand.of(CsrMatrix.fromDense(w1));
        Operand o2 = dense ? Operand.of(w2) : Operand.of(CsrMatrix.fromDense(w2));
        return () -> {
            Tensor h1 = SparseOps.spmm(a, SparseOps.matmul(Operand.of(h), o1).toDense());
            Bridge.reluInPlace(h1);
            Tensor y = SparseOps.spmm(a, SparseOps.matmul(Operand.of(h1), o2).toDense());
            Bridge.reluInPlace(y);
            return y;
        };
    }

    /** Compiled A·T; X·W by the hand dense GEMM when W is dense, else compiled with W in CSR and a dense output. */
    private Supplier<Tensor> compiled(Tensor w1, Tensor w2, boolean dense) {
        Map<String, FormattedTensor> shape = Map.of("A", fa, "H", Bridge.dense(h));
        CompiledEinsum agg = Einsum.compileFor(AGG, shape, null, Schedule.automatic());
        FormattedTensor f1 = dense ? null : FormattedTensor.fromSparseMatrix(CsrMatrix.fromDense(w1), Format.csr());
        FormattedTensor f2 = dense ? null : FormattedTensor.fromSparseMatrix(CsrMatrix.fromDense(w2), Format.csr());
        CompiledEinsum xw = dense ? null : Einsum.compileFor(XW, Map.of("X", Bridge.dense(h), "W", f1), Format.dense(2), Schedule.automatic());
        return () -> {
            Tensor t1 = dense ? MatMul.matmul(h, w1) : Bridge.tensor(xw.evaluate(Map.of("X", Bridge.dense(h), "W", f1)));
            Tensor h1 = Bridge.tensor(agg.evaluate(Map.of("A", fa, "H", Bridge.dense(t1))));
            Bridge.reluInPlace(h1);
            Tensor t2 = dense ? MatMul.matmul(h1, w2) : Bridge.tensor(xw.evaluate(Map.of("X", Bridge.dense(h1), "W", f2)));
            Tensor y = Bridge.tensor(agg.evaluate(Map.of("A", fa, "H", Bridge.dense(t2))));
            Bridge.reluInPlace(y);
            return y;
        };
    }
}
