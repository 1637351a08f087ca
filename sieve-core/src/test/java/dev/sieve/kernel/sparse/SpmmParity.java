package dev.sieve.kernel.sparse;

import static org.junit.jupiter.api.Assertions.fail;

import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.tensor.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The parity harness of the structured SpMM kernels: runs a fast and a scalar kernel on padded,
 * offset operands and checks both against a dense product computed in double from {@code toDense()},
 * and that nothing outside C's rectangle is written.
 */
final class SpmmParity {
    /** Column counts that straddle the vector width: one, below, just above, odd, not a multiple. */
    static final int[] NS = {1, 7, 9, 16, 33, 130};

    static final ParallelRuntime[] RUNTIMES = {new ParallelRuntime(1), new ParallelRuntime(2), new ParallelRuntime(3)};

    /** One kernel call on fixed operands. */
    @FunctionalInterface
    interface Product {
        void run(float[] b, int bOff, int ldb, int n, float[] c, int cOff, int ldc, boolean accumulate, ParallelRuntime rt);
    }

    private SpmmParity() {}

    /** Gaussian weights, seeded. */
    static Tensor weights(long seed, int rows, int cols) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = (float) dev.sieve.kernel.FloatChecks.gaussian(rnd);
        return Tensor.wrap(v, rows, cols);
    }

    /**
     * Checks fast and reference against the dense product for every n, thread count and accumulate
     * flag, and that the fast kernel gives the same bits whatever the thread count.
     */
    static void check(SparseMatrix a, Product fast, Product reference, String what) {
        for (int n : NS) {
            for (boolean accumulate : new boolean[] {false, true}) {
                float[] first = null;
                for (ParallelRuntime rt : RUNTIMES) {
                    float[] c = checkOne(a, n, accumulate, rt, fast, reference, what);
                    if (first == null) {
                        first = c;
                    } else if (!Arrays.equals(first, c)) {
                        fail(what + " " + a.rows() + "x" + a.cols() + " n=" + n + ": " + rt.threads()
                                + " threads give different bits than 1 thread");
                    }
                }
            }
        }
    }

    /** Returns the fast kernel's C. */
    static float[] checkOne(SparseMatrix a, int n, boolean accumulate, ParallelRuntime rt, Product fast, Product reference, String what) {
        int m = a.rows(), k = a.cols();
        SplittableRandom rnd = new SplittableRandom(31L * m + 7L * k + n);
        int bOff = 3, ldb = n + 5, cOff = 2, ldc = n + 3;
        float[] b = new float[bOff + k * ldb + 4];
        for (int i = 0; i < b.length; i++) b[i] = (float) (rnd.nextDouble() * 2 - 1);
        float[] c0 = new float[cOff + m * ldc + 5];
        for (int i = 0; i < c0.length; i++) c0[i] = (float) (rnd.nextDouble() * 2 - 1);
        if (!accumulate) {
            // C must not be read: NaN inside the rectangle would otherwise leak into the result
            for (int i = 0; i < m; i++) Arrays.fill(c0, cOff + i * ldc, cOff + i * ldc + n, Float.NaN);
        }
        float[] dense = a.toDense().data();
        double[] expected = new double[m * n], scale = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = accumulate ? c0[cOff + i * ldc + j] : 0, abs = Math.abs(s);
                for (int q = 0; q < k; q++) {
                    double t = (double) dense[i * k + q] * b[bOff + q * ldb + j];
                    s += t;
                    abs += Math.abs(t);
                }
                expected[i * n + j] = s;
                scale[i * n + j] = abs;
            }
        }
        String where = what + " " + m + "x" + k + " n=" + n + " accumulate=" + accumulate + " threads=" + rt.threads();
        float[] bCopy = b.clone();
        float[] fastC = null;
        for (Product p : new Product[] {fast, reference}) {
            float[] c = c0.clone();
            if (p == fast) fastC = c;
            p.run(b, bOff, ldb, n, c, cOff, ldc, accumulate, rt);
            String who = (p == fast ? "fast " : "scalar ") + where;
            if (!Arrays.equals(b, bCopy)) fail(who + ": B was modified");
            for (int idx = 0; idx < c.length; idx++) {
                int rel = idx - cOff, i = rel / ldc, j = rel % ldc;
                boolean inside = rel >= 0 && i < m && j < n;
                if (!inside) {
                    if (Float.floatToIntBits(c[idx]) != Float.floatToIntBits(c0[idx])) {
                        fail(who + ": wrote outside C at array index " + idx);
                    }
                    continue;
                }
                double e = expected[i * n + j];
                double tol = 2e-6 * (k + 8) * Math.max(scale[i * n + j], 1e-30) + 1e-30;
                if (!(Math.abs(c[idx] - e) <= tol)) {
                    fail(who + ": C(" + i + ", " + j + ") = " + c[idx] + ", expected " + e + " (tolerance " + tol + ")");
                }
            }
        }
        return fastC;
    }
}
