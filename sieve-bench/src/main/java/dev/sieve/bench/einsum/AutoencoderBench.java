package dev.sieve.bench.einsum;

import dev.sieve.compile.CompiledEinsum;
import dev.sieve.compile.Einsum;
import dev.sieve.compile.format.FormattedTensor;
import dev.sieve.compile.plan.Schedule;
import dev.sieve.ops.sparse.SparseOps;
import dev.sieve.parallel.Parallel;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The sparse autoencoder of {@code ae/}: d0 -> d1 -> d2 -> d1 -> d0, every weight in CSR at 50/90/99% sparsity,
 * relu between layers and a sigmoid at the end, one batch end to end. Activations stay feature-major
 * ([features, batch]) so each layer is W · X^T, a CSR SpMM; the inputs are transposed once, outside the timing.
 */
final class AutoencoderBench {
    static final String LAYER = "Y(o,b) = W(o,i) * X(i,b)";

    private final Workloads w;
    private final Report report;
    private final int warmup, rounds;

    AutoencoderBench(Workloads w, Report report, int warmup, int rounds) {
        this.w = w;
        this.report = report;
        this.warmup = warmup;
        this.rounds = rounds;
    }

    void run() {
        Tensor xT = w.tensor("ae/X.npy").t();
        int layers = w.ints("ae.dims").length - 1, batch = xT.dim(1);
        List<Tensor> bias = new ArrayList<>();
        for (int l = 0; l < layers; l++) bias.add(w.tensor("ae/b" + l + ".npy"));
        Report.Table t = new Report.Table("Sparse autoencoder end to end: dims " + w.get("ae.dims") + ", batch " + batch + ", threads "
                        + Parallel.threads(),
                "sparsity", "nnz", "compiled min ms", "compiled med ms", "hand min ms", "hand med ms", "fused min ms", "compiled/hand",
                "compiled GFLOP/s", "check");
        for (double sparsity : w.doubles("ae.sparsities")) {
            List<CsrMatrix> ws = new ArrayList<>();
            long nnz = 0;
            for (int l = 0; l < layers; l++) {
                ws.add(CsrMatrix.fromDense(w.tensor("ae/W" + l + "_s" + Workloads.pct(sparsity) + ".npy")));
                nnz += ws.get(l).nnz();
            }
            Supplier<Tensor> hand = () -> {
                Tensor hT = xT;
                for (int l = 0; l < layers; l++) {
                    hT = SparseOps.spmm(ws.get(l), hT);
                    Bridge.biasActivateInPlace(hT, bias.get(l), l == layers - 1);
                }
                return hT;
            };
            List<FormattedTensor> fws = new ArrayList<>();
            List<CompiledEinsum> cs = new ArrayList<>();
            Tensor probe = xT;
            for (int l = 0; l < layers; l++) {
                fws.add(Bridge.csr(ws.get(l)));
                cs.add(Einsum.compileFor(LAYER, Map.of("W", fws.get(l), "X", Bridge.dense(probe)), null, Schedule.automatic()));
                probe = Tensor.zeros(ws.get(l).rows(), batch);
            }
            Supplier<Tensor> compiled = () -> {
                Tensor hT = xT;
                for (int l = 0; l < layers; l++) {
                    hT = Bridge.tensor(cs.get(l).evaluate(Map.of("W", fws.get(l), "X", Bridge.dense(hT))));
                    Bridge.biasActivateInPlace(hT, bias.get(l), l == layers - 1);
                }
                return hT;
            };
            // The same layers with bias and activation fused into the kernels' stores (plan.Epilogue).
            List<CompiledEinsum> fused = new ArrayList<>();
            List<FormattedTensor> fbias = new ArrayList<>();
            probe = xT;
            for (int l = 0; l < layers; l++) {
                fbias.add(Bridge.dense(bias.get(l)));
                java.util.Map<String, dev.sieve.compile.format.Format> formats = new java.util.LinkedHashMap<>();
                java.util.Map<String, int[]> dims = new java.util.LinkedHashMap<>();
                formats.put("W", fws.get(l).format());
                dims.put("W", fws.get(l).dims());
                formats.put("X", dev.sieve.compile.format.Format.dense(2));
                dims.put("X", probe.dims());
                formats.put("bias", dev.sieve.compile.format.Format.dense(1));
                dims.put("bias", bias.get(l).dims());
                fused.add(Einsum.compile(LAYER, formats, dims, Schedule.automatic(), new dev.sieve.compile.plan.Epilogue("bias", "o",
                        l == layers - 1 ? dev.sieve.compile.plan.Epilogue.Activation.SIGMOID : dev.sieve.compile.plan.Epilogue.Activation.RELU)));
                probe = Tensor.zeros(ws.get(l).rows(), batch);
            }
            Supplier<Tensor> fusedRun = () -> {
                Tensor hT = xT;
                for (int l = 0; l < layers; l++) {
                    hT = Bridge.tensor(fused.get(l).evaluate(Map.of("W", fws.get(l), "X", Bridge.dense(hT), "bias", fbias.get(l))));
                }
                return hT;
            };
            String check = OpsBench.check(Bridge.dense(compiled.get()), hand.get());
            String fusedCheck = OpsBench.check(Bridge.dense(fusedRun.get()), hand.get());
            if (!fusedCheck.startsWith("ok")) check = check + "; fused: " + fusedCheck;
            List<Timing.Stats> s = Timing.interleaved(warmup, rounds,
                    List.of(new Timing.Candidate("compiled", compiled::get), new Timing.Candidate("hand", hand::get),
                            new Timing.Candidate("fused", fusedRun::get)));
            double flops = 2.0 * nnz * batch;
            t.row(sparsity, nnz, s.get(0).min(), s.get(0).median(), s.get(1).min(), s.get(1).median(), s.get(2).min(), s.get(0).min() / s.get(1).min(),
                    Report.gflops(flops, s.get(0).min()), check);
            for (Timing.Stats st : s) {
                report.emit(Report.line("ae", "ae", "s" + Workloads.pct(sparsity), st.name()).put("sparsity", sparsity).put("nnz", nnz)
                        .put("batch", batch).put("threads", Parallel.threads()).timing(st).put("gflops", Report.gflops(flops, st.min()))
                        .put("check", check));
            }
        }
        report.print(t);
    }
}
