package dev.sieve.kernel.sparse;

import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded sparse matrices on awkward shapes, dense data, and the runtimes the kernel tests share. */
final class SparseCases {
    static final ParallelRuntime ONE = new ParallelRuntime(1);
    static final ParallelRuntime TWO = new ParallelRuntime(2);
    static final ParallelRuntime THREE = new ParallelRuntime(3);
    static final ParallelRuntime[] RUNTIMES = {ONE, TWO, THREE};

    /** Unit roundoff of float. */
    static final double U = Math.ulp(1f) / 2;

    private SparseCases() {}

    /** A named test matrix. */
    record Case(String name, Tensor dense) {
        CsrMatrix csr() {
            return CsrMatrix.fromDense(dense);
        }

        int rows() {
            return dense.dim(0);
        }

        int cols() {
            return dense.dim(1);
        }

        @Override
        public String toString() {
            return name + " " + rows() + "x" + cols();
        }
    }

    /** Entries present with probability {@code density}, values uniform in [-1, 1) (never exactly 0). */
    static Tensor random(long seed, int rows, int cols, double density) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            if (r.nextDouble() < density) v[i] = nonZero(r);
        }
        return Tensor.wrap(v, rows, cols);
    }

    static float nonZero(SplittableRandom r) {
        float x;
        do x = (float) (2 * r.nextDouble() - 1); while (x == 0f);
        return x;
    }

    /** Mostly empty or short rows with a few full ones: stresses the nnz-balanced split. */
    static Tensor skewed(long seed, int rows, int cols) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            double density = i % 17 == 3 ? 1.0 : i % 3 == 0 ? 0.0 : 0.04;
            for (int j = 0; j < cols; j++) if (r.nextDouble() < density) v[i * cols + j] = nonZero(r);
        }
        return Tensor.wrap(v, rows, cols);
    }

    /** Awkward sparse matrices: empty, empty rows, one column, one row, skewed, dense, ordinary. */
    static List<Case> matrices() {
        List<Case> out = new ArrayList<>();
        out.add(new Case("no rows", Tensor.zeros(0, 5)));
        out.add(new Case("no cols", Tensor.zeros(4, 0)));
        out.add(new Case("all zero", Tensor.zeros(6, 9)));
        out.add(new Case("one column", random(1, 23, 1, 0.6)));
        out.add(new Case("one row", random(2, 1, 40, 0.5)));
        out.add(new Case("ordinary", random(3, 37, 29, 0.2)));
        out.add(new Case("dense", random(4, 9, 13, 1.0)));
        out.add(new Case("skewed", skewed(5, 70, 90)));
        out.add(new Case("very sparse", random(6, 50, 60, 0.01)));
        return out;
    }

    /** Dense values in [-1, 1). */
    static float[] dense(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (2 * r.nextDouble() - 1);
        return x;
    }
}
