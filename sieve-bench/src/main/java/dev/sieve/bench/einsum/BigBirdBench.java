package dev.sieve.bench.einsum;

import dev.sieve.compile.CompiledEinsum;
import dev.sieve.compile.Einsum;
import dev.sieve.compile.format.Format;
import dev.sieve.compile.format.FormattedTensor;
import dev.sieve.compile.plan.Schedule;
import dev.sieve.ops.sparse.SparseOps;
import dev.sieve.parallel.Parallel;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * BigBird-style attention of {@code bigbird/} (one head): scores as SDDMM over the block mask (its values are
 * 1/sqrt(head), so the scores come out scaled), CSR row softmax, then SpMM with V. The compiled path runs the two
 * products as compiled kernels and the softmax as Sieve's ({@link SparseOps#softmaxRows}); the hand path runs all
 * three as Sieve's kernels. Also times the SDDMM and SpMM stages alone.
 */
final class BigBirdBench {
    static final String SCORES = "S(i,j) = M(i,j) * Q(i,d) * K(j,d)";
    static final String CONTEXT = "O(i,d) = P(i,j) * V(j,d)";

    private final Workloads w;
    private final Report report;
    private final int warmup, rounds;

    BigBirdBench(Workloads w, Report report, int warmup, int rounds) {
        this.w = w;
        this.report = report;
        this.warmup = warmup;
        this.rounds = rounds;
    }

    void run(List<String> only) {
        Report.Table t = new Report.Table("BigBird attention (block " + w.get("bigbird.block") + ", head " + w.get("bigbird.head")
                        + "): SDDMM -> CSR softmax -> SpMM, threads " + Parallel.threads() + " (ms)",
                "seq", "nnz", "compiled min", "compiled med", "hand min", "hand med", "compiled/hand", "SDDMM c/h", "SpMM c/h", "check");
        for (int len : w.ints("bigbird.lengths")) {
            if (only != null && !only.contains(Integer.toString(len))) continue;
            CsrMatrix m = w.csr("bigbird/mask_L" + len + ".mtx");
            Tensor q = w.tensor("bigbird/Q_L" + len + ".npy"), k = w.tensor("bigbird/K_L" + len + ".npy"), v = w.tensor("bigbird/V_L" + len + ".npy");
            FormattedTensor fm = Bridge.csr(m), fq = Bridge.dense(q), fk = Bridge.dense(k), fv = Bridge.dense(v);
            Map<String, FormattedTensor> scoresIn = Map.of("M", fm, "Q", fq, "K", fk);
            CompiledEinsum scores = Einsum.compileFor(SCORES, scoresIn, null, Schedule.automatic());
            CompiledEinsum context = Einsum.compileFor(CONTEXT, Map.of("P", fm, "V", fv), null, Schedule.automatic());
            // SDDMM keeps the mask's pattern: checked once here, so the timed path only swaps in the values.
            FormattedTensor probe = scores.evaluate(scoresIn);
            boolean samePattern = probe.format().equals(Format.csr()) && probe.nnz() == m.nnz()
                    && Arrays.equals(probe.pos(1), m.rowPtr()) && Arrays.equals(probe.crd(1), m.colIdx());
            Supplier<CsrMatrix> compiledScores = () -> {
                FormattedTensor s = scores.evaluate(scoresIn);
                return samePattern ? m.withData(s.vals()) : Bridge.csrMatrix(s);
            };
            Supplier<Tensor> compiled = () -> {
                CsrMatrix p = SparseOps.softmaxRows(compiledScores.get());
                return Bridge.tensor(context.evaluate(Map.of("P", Bridge.csr(p), "V", fv)));
            };
            Supplier<Tensor> hand = () -> SparseOps.spmm(SparseOps.softmaxRows(SparseOps.sddmm(m, q, k, true)), v);
            CsrMatrix pFixed = SparseOps.softmaxRows(SparseOps.sddmm(m, q, k, true));
            Map<String, FormattedTensor> contextIn = Map.of("P", Bridge.csr(pFixed), "V", fv);
            String check = OpsBench.check(Bridge.dense(compiled.get()), hand.get());
            if (!samePattern) check += " (scores pattern differs from the mask)";
            List<Timing.Stats> s = Timing.interleaved(warmup, rounds, List.of(
                    new Timing.Candidate("compiled", compiled::get), new Timing.Candidate("hand", hand::get),
                    new Timing.Candidate("sddmm-compiled", compiledScores::get),
                    new Timing.Candidate("sddmm-hand", () -> SparseOps.sddmm(m, q, k, true)),
                    new Timing.Candidate("spmm-compiled", () -> context.evaluate(contextIn)),
                    new Timing.Candidate("spmm-hand", () -> SparseOps.spmm(pFixed, v))));
            t.row(len, m.nnz(), s.get(0).min(), s.get(0).median(), s.get(1).min(), s.get(1).median(), s.get(0).min() / s.get(1).min(),
                    s.get(2).min() / s.get(3).min(), s.get(4).min() / s.get(5).min(), check);
            for (Timing.Stats st : s) {
                String[] parts = st.name().split("-");
                String op = parts.length == 2 ? parts[0] : "attention";
                report.emit(Report.line("bigbird", "L" + len, op, parts[parts.length - 1]).put("seq", len).put("nnz", m.nnz())
                        .put("threads", Parallel.threads()).timing(st).put("check", op.equals("attention") ? check : null));
            }
        }
        report.print(t);
    }
}
