package dev.sieve.bench;

import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.kernel.gemm.Gemm;
import dev.sieve.kernel.sparse.BsrKernels;
import dev.sieve.kernel.sparse.NmKernels;
import dev.sieve.kernel.sparse.NmgKernels;
import dev.sieve.kernel.sparse.TileWiseKernels;
import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.BsrMatrix;
import dev.sieve.sparse.Layout;
import dev.sieve.sparse.NmMatrix;
import dev.sieve.sparse.NmgMatrix;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.sparse.Sparsifiers;
import dev.sieve.sparse.TileWiseMatrix;
import dev.sieve.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Structured SpMM vs Sieve's dense GEMM on the same shape, same runtime, interleaved in one JVM so
 * that a noisy neighbour hurts every variant alike; reports the best and median of many timed batches.
 *
 * <p>Usage: {@code StructuredSpmmSweep [MxK[,MxK...]] [layout@sparsity,...] [N] [threads] [rounds]},
 * e.g. {@code 3072x768 bsr:4x4@0.9,nmg:2:8:4,tw:128@0.75 128 2 30}. Layouts with a fixed sparsity
 * (n:m, n:m:g) take no {@code @s}.
 */
public final class StructuredSpmmSweep {
    private record Variant(String name, long flops, Runnable run, double[] times) {}

    public static void main(String[] args) {
        String shapes = args.length > 0 ? args[0] : "768x768,3072x768,768x3072";
        String layouts = args.length > 1 ? args[1]
                : "bsr:4x4@0.5,bsr:4x4@0.75,bsr:4x4@0.9,bsr:4x4@0.95,nm:2:4,nm:1:4,nm:1:8,nmg:2:4:8,nmg:2:8:4,nmg:1:4:32,nmg:1:8:16,"
                + "tw:128@0.5,tw:128@0.75,tw:128@0.9,tw:128@0.95";
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 128;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 30;
        VectorizationProvider vp = VectorizationProvider.get();
        System.out.println("# " + vp.name() + ", threads=" + threads + ", N=" + n + ", rounds=" + rounds + ", JDK "
                + Runtime.version());
        try (ParallelRuntime rt = new ParallelRuntime(threads)) {
            for (String shape : shapes.split(",")) {
                String[] mk = shape.split("x");
                int m = Integer.parseInt(mk[0]), k = Integer.parseInt(mk[1]);
                sweep(vp, rt, m, k, n, layouts.split(","), rounds);
            }
        }
    }

    private static void sweep(VectorizationProvider vp, ParallelRuntime rt, int m, int k, int n, String[] layouts, int rounds) {
        SplittableRandom rnd = new SplittableRandom(42);
        float[] w = new float[m * k];
        for (int i = 0; i < w.length; i++) w[i] = (float) (rnd.nextDouble() * 2 - 1);
        float[] x = new float[k * n];
        for (int i = 0; i < x.length; i++) x[i] = (float) (rnd.nextDouble() * 2 - 1);
        float[] c = new float[m * n];
        Tensor weights = Tensor.wrap(w, m, k);
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("dense gemm", 2L * m * k * n,
                () -> Gemm.sgemm(false, false, m, n, k, 1f, w, 0, k, x, 0, n, 0f, c, 0, n, rt), new double[rounds]));
        for (String spec : layouts) {
            String[] parts = spec.split("@");
            Layout layout = Layout.parse(parts[0]);
            double s = parts.length > 1 ? Double.parseDouble(parts[1]) : layout.impliedSparsity().orElseThrow();
            SparseMatrix a;
            try {
                a = Sparsifiers.forLayout(layout, s).randomized(7).sparsify(weights);
            } catch (IllegalArgumentException e) {
                System.out.println("# skip " + spec + ": " + e.getMessage());
                continue;
            }
            variants.add(new Variant(spec + String.format(" (%.3f)", a.sparsity()), 2L * a.nnz() * n, product(vp, a, x, n, c, rt),
                    new double[rounds]));
        }
        for (Variant v : variants) for (int i = 0; i < 20; i++) v.run.run(); // warm-up: C2 compiles every kernel
        for (int r = 0; r < rounds; r++) {
            for (Variant v : variants) {
                int reps = 5;
                long t0 = System.nanoTime();
                for (int i = 0; i < reps; i++) v.run.run();
                v.times[r] = (System.nanoTime() - t0) / 1e6 / reps;
            }
        }
        double dense = best(variants.get(0).times);
        System.out.printf("%n## W %dx%d, N=%d%n| layout (sparsity) | best ms | median ms | eff. GFLOP/s | vs dense |%n|---|---|---|---|---|%n", m, k, n);
        for (Variant v : variants) {
            double b = best(v.times);
            System.out.printf("| %s | %.3f | %.3f | %.0f | %.2fx |%n", v.name, b, median(v.times), v.flops / b / 1e6, dense / b);
        }
    }

    private static Runnable product(VectorizationProvider vp, SparseMatrix a, float[] x, int n, float[] c, ParallelRuntime rt) {
        return switch (a) {
            case BsrMatrix bsr -> () -> vp.kernels(BsrKernels.class).spmm(bsr, x, 0, n, n, c, 0, n, false, rt);
            case NmMatrix nm -> () -> vp.kernels(NmKernels.class).spmm(nm, x, 0, n, n, c, 0, n, false, rt);
            case NmgMatrix nmg -> () -> vp.kernels(NmgKernels.class).spmm(nmg, x, 0, n, n, c, 0, n, false, rt);
            case TileWiseMatrix tw -> () -> vp.kernels(TileWiseKernels.class).spmm(tw, x, 0, n, n, c, 0, n, false, rt);
            default -> throw new IllegalArgumentException("no structured kernel for " + a.layout());
        };
    }

    private static double best(double[] t) {
        return Arrays.stream(t).min().orElse(Double.NaN);
    }

    private static double median(double[] t) {
        double[] s = t.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
