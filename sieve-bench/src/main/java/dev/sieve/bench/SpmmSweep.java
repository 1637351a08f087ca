package dev.sieve.bench;

import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.kernel.gemm.Gemm;
import dev.sieve.kernel.sparse.SpmmKernels;
import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.tensor.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * CSR SpMM against Sieve's dense GEMM on the same shape, interleaved in one JVM (this machine is
 * shared and noisy, so each round times both back to back and the minimum over rounds is kept).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp sieve-bench.jar dev.sieve.bench.SpmmSweep \
 *     [--shapes 768x768,3072x768,768x3072] [--n 128,512] [--sparsity 0.5,0.7,0.8,0.9,0.95,0.98] [--threads 2] [--rounds 15]
 * </pre>
 *
 * Shapes are W[M x K]; C[M, N] = W · B[K, N]. Effective GFLOP/s = 2·nnz·N / time (dense: 2·M·K·N).
 */
public final class SpmmSweep {
    private SpmmSweep() {}

    public static void main(String[] args) {
        String shapes = "768x768,3072x768,768x3072", ns = "128", sparsities = "0.5,0.7,0.8,0.9,0.95,0.98";
        int threads = 2, rounds = 15;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--shapes" -> shapes = args[i + 1];
                case "--n" -> ns = args[i + 1];
                case "--sparsity" -> sparsities = args[i + 1];
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        SpmmKernels spmm = VectorizationProvider.get().kernels(SpmmKernels.class);
        System.out.println("# " + VectorizationProvider.get().name() + ", threads " + threads + ", JDK " + Runtime.version());
        System.out.println("| M x K | N | sparsity | CSR min ms | CSR median ms | CSR eff. GFLOP/s | dense GEMM min ms | dense GFLOP/s | speedup |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        try (ParallelRuntime rt = new ParallelRuntime(threads)) {
            for (String shape : shapes.split(",")) {
                String[] mk = shape.split("x");
                int m = Integer.parseInt(mk[0]), k = Integer.parseInt(mk[1]);
                for (String nText : ns.split(",")) {
                    int n = Integer.parseInt(nText);
                    for (String sText : sparsities.split(",")) {
                        double sparsity = Double.parseDouble(sText);
                        run(spmm, rt, m, k, n, sparsity, rounds);
                    }
                }
            }
        }
    }

    static void run(SpmmKernels spmm, ParallelRuntime rt, int m, int k, int n, double sparsity, int rounds) {
        SplittableRandom r = new SplittableRandom(42);
        float[] w = new float[m * k];
        for (int i = 0; i < w.length; i++) if (r.nextDouble() >= sparsity) w[i] = (float) (2 * r.nextDouble() - 1);
        CsrMatrix csr = CsrMatrix.fromDense(Tensor.wrap(w, m, k));
        float[] b = new float[k * n];
        for (int i = 0; i < b.length; i++) b[i] = (float) (2 * r.nextDouble() - 1);
        float[] c = new float[m * n];
        Runnable sparse = () -> spmm.spmm(csr, b, 0, n, n, 0f, c, 0, n, rt);
        Runnable dense = () -> Gemm.sgemm(false, false, m, n, k, 1f, w, 0, k, b, 0, n, 0f, c, 0, n, rt);
        double[] ts = new double[rounds], td = new double[rounds];
        for (int warm = 0; warm < 3; warm++) {
            time(sparse);
            time(dense);
        }
        for (int i = 0; i < rounds; i++) {
            ts[i] = time(sparse);
            td[i] = time(dense);
        }
        Arrays.sort(ts);
        Arrays.sort(td);
        double eff = 2.0 * csr.nnz() * n / ts[0] / 1e6, dg = 2.0 * m * k * n / td[0] / 1e6;
        System.out.printf("| %dx%d | %d | %.2f | %.3f | %.3f | %.1f | %.3f | %.1f | %.2f |%n", m, k, n, sparsity, ts[0], ts[rounds / 2],
                eff, td[0], dg, td[0] / ts[0]);
    }

    /** Milliseconds per call: enough repetitions to last about 20 ms, best of them. */
    static double time(Runnable body) {
        long t0 = System.nanoTime();
        body.run();
        long once = Math.max(1, System.nanoTime() - t0);
        int reps = (int) Math.max(1, Math.min(200, 20_000_000L / once));
        double best = Double.MAX_VALUE;
        for (int i = 0; i < reps; i++) {
            long s = System.nanoTime();
            body.run();
            best = Math.min(best, (System.nanoTime() - s) / 1e6);
        }
        return best;
    }
}
