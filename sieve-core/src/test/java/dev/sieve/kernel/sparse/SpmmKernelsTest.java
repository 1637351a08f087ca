package dev.sieve.kernel.sparse;

import static dev.sieve.kernel.sparse.SparseCases.RUNTIMES;
import static dev.sieve.kernel.sparse.SparseCases.U;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.CooMatrix;
import dev.sieve.sparse.CscMatrix;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.sparse.MaskedMatrix;
import dev.sieve.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SpMM and SpMV: the fast kernels against the scalar reference and both against a dense reference in
 * double.
 *
 * <p>Tolerance against the dense reference: each output is a float sum of at most {@code len + 1}
 * terms (the row's products and beta·c), each product and addition rounded once (fma: once per term),
 * so the error is at most {@code (len + 1) · u · Σ|term|} to first order (Higham, recursive
 * summation); the tests allow twice that. Where the interface promises the reference's order (the
 * sparse CSR, CSC, COO and masked paths) the fast result must match the reference bit for bit.
 */
class SpmmKernelsTest {
    static final SpmmKernels FAST = VectorizationProvider.get().kernels(SpmmKernels.class);
    static final SpmmKernels REF = VectorizationProvider.scalar().kernels(SpmmKernels.class);

    /** Column counts around the vector width and the 8-vector strip (assuming up to 16 lanes). */
    static final int[] NS = {0, 1, 7, 9, 16, 33, 64, 130, 200};
    static final float[] BETAS = {0f, 1f, 0.5f};

    enum Layout { CSR, CSC, COO, COO_SHUFFLED, MASKED }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        int seed = 0;
        for (SparseCases.Case m : SparseCases.matrices()) {
            for (int n : NS) {
                out.add(Arguments.of(m, n, BETAS[seed++ % BETAS.length]));
            }
        }
        return out.stream();
    }

    /** Fills C with a sentinel outside the M x n window so writes past it are caught. */
    static final float SENTINEL = -12345f;

    @ParameterizedTest(name = "{0} n={1} beta={2}")
    @MethodSource("cases")
    void allLayoutsMatchReferenceAndDense(SparseCases.Case m, int n, float beta) {
        int rows = m.rows(), k = m.cols();
        int ldb = n + 3, ldc = n + 5, bOff = 2, cOff = 7;
        float[] b = SparseCases.dense(11, bOff + Math.max(0, k * ldb));
        float[] c0 = new float[cOff + rows * ldc + 4];
        Arrays.fill(c0, SENTINEL);
        float[] init = SparseCases.dense(12, rows * n);
        for (int i = 0; i < rows; i++) System.arraycopy(init, i * n, c0, cOff + i * ldc, n);
        if (beta == 0f && rows > 0 && n > 0) c0[cOff] = Float.NaN; // never read when beta is 0
        double[][] expected = new double[rows][n];
        double[][] bound = new double[rows][n];
        denseReference(m.dense(), b, bOff, ldb, n, beta, c0, cOff, ldc, expected, bound);

        float[] csrResult = null;
        for (Layout layout : Layout.values()) {
            for (ParallelRuntime rt : RUNTIMES) {
                float[] ref = c0.clone(), fast = c0.clone();
                run(REF, layout, m.dense(), b, bOff, ldb, n, beta, ref, cOff, ldc, rt);
                run(FAST, layout, m.dense(), b, bOff, ldb, n, beta, fast, cOff, ldc, rt);
                String what = m + " " + layout + " n=" + n + " beta=" + beta + " threads=" + rt.threads();
                checkAgainstDense(expected, bound, ref, cOff, ldc, c0, what + " (reference)");
                checkAgainstDense(expected, bound, fast, cOff, ldc, c0, what + " (fast)");
                boolean denseGemmPath = layout == Layout.MASKED && m.csr().nnz() >= 0.45 * rows * k; // PanamaSpmmKernels.MASKED_DENSE_THRESHOLD
                if (!denseGemmPath) {
                    assertArrayEquals(ref, fast, what + ": fast must match the reference bit for bit");
                    // every sparse path sums each element in the CSR order: the same bits for every layout
                    if (csrResult == null) csrResult = fast; else assertArrayEquals(csrResult, fast, what + ": differs from CSR");
                }
            }
        }
    }

    static void run(SpmmKernels kernels, Layout layout, Tensor a, float[] b, int bOff, int ldb, int n, float beta,
                    float[] c, int cOff, int ldc, ParallelRuntime rt) {
        switch (layout) {
            case CSR -> kernels.spmm(CsrMatrix.fromDense(a), b, bOff, ldb, n, beta, c, cOff, ldc, rt);
            case CSC -> kernels.spmm(CscMatrix.fromDense(a), b, bOff, ldb, n, beta, c, cOff, ldc, rt);
            case COO -> kernels.spmm(CooMatrix.fromDense(a), b, bOff, ldb, n, beta, c, cOff, ldc, rt);
            case COO_SHUFFLED -> kernels.spmm(shuffled(CooMatrix.fromDense(a)), b, bOff, ldb, n, beta, c, cOff, ldc, rt);
            case MASKED -> kernels.spmm(MaskedMatrix.fromDense(a), b, bOff, ldb, n, beta, c, cOff, ldc, rt);
        }
    }

    /** The same entries with rows in reverse order (columns within a row keep their order). */
    static CooMatrix shuffled(CooMatrix coo) {
        int nnz = coo.nnz();
        int[] ri = new int[nnz], ci = new int[nnz];
        float[] v = new float[nnz];
        int at = 0;
        for (int row = coo.rows() - 1; row >= 0; row--) {
            for (int p = 0; p < nnz; p++) {
                if (coo.rowIndex(p) == row) {
                    ri[at] = row;
                    ci[at] = coo.colIndex(p);
                    v[at++] = coo.value(p);
                }
            }
        }
        return new CooMatrix(coo.rows(), coo.cols(), ri, ci, v);
    }

    static void denseReference(Tensor a, float[] b, int bOff, int ldb, int n, float beta, float[] c, int cOff, int ldc,
                               double[][] expected, double[][] bound) {
        int rows = a.dim(0), k = a.dim(1);
        float[] av = a.toArray();
        for (int i = 0; i < rows; i++) {
            int len = 0;
            for (int p = 0; p < k; p++) if (av[i * k + p] != 0f) len++;
            for (int j = 0; j < n; j++) {
                double s = beta == 0f ? 0 : (double) beta * c[cOff + i * ldc + j];
                double mag = Math.abs(s);
                for (int p = 0; p < k; p++) {
                    if (av[i * k + p] == 0f) continue;
                    double t = (double) av[i * k + p] * b[bOff + p * ldb + j];
                    s += t;
                    mag += Math.abs(t);
                }
                expected[i][j] = s;
                bound[i][j] = 2 * (len + 1) * U * mag + Float.MIN_NORMAL;
            }
        }
    }

    static void checkAgainstDense(double[][] expected, double[][] bound, float[] c, int cOff, int ldc, float[] before, String what) {
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                float got = c[cOff + i * ldc + j];
                if (!(Math.abs(got - expected[i][j]) <= bound[i][j])) {
                    fail(what + ": C[" + i + "][" + j + "] = " + got + ", expected " + expected[i][j] + " within " + bound[i][j]);
                }
            }
        }
        // nothing outside the window changed
        for (int p = 0; p < c.length; p++) {
            int q = p - cOff;
            boolean inside = q >= 0 && expected.length > 0 && q / ldc < expected.length && q % ldc < expected[0].length;
            if (!inside && Float.floatToIntBits(c[p]) != Float.floatToIntBits(before[p])) {
                fail(what + ": wrote outside C at index " + p);
            }
        }
    }

    @Test
    void fastKernelsAreTheVectorOnesWhenAvailable() {
        if (VectorizationProvider.get().isVectorized()) {
            assertEquals("PanamaSpmmKernels", FAST.getClass().getSimpleName());
        }
        assertEquals("ScalarSpmmKernels", REF.getClass().getSimpleName());
    }

    @Test
    void csrResultDoesNotDependOnThreadCount() {
        Tensor a = SparseCases.skewed(21, 300, 200);
        CsrMatrix csr = CsrMatrix.fromDense(a);
        float[] b = SparseCases.dense(22, 200 * 70);
        float[] first = null;
        for (ParallelRuntime rt : RUNTIMES) {
            float[] c = new float[300 * 70];
            FAST.spmm(csr, b, 0, 70, 70, 0f, c, 0, 70, rt);
            if (first == null) first = c; else assertArrayEquals(first, c, "threads=" + rt.threads());
            float[] again = new float[300 * 70];
            FAST.spmm(csr, b, 0, 70, 70, 0f, again, 0, 70, rt);
            assertArrayEquals(c, again, "repeatable at threads=" + rt.threads());
        }
    }

    @Test
    void maskedDenseAndSparsePathsAgree() {
        // one matrix on each side of the density threshold, large enough for the GEMM's blocking
        for (double density : new double[] {0.2, 0.8}) {
            Tensor a = SparseCases.random(31, 70, 150, density);
            float[] b = SparseCases.dense(32, 150 * 45);
            double[][] expected = new double[70][45], bound = new double[70][45];
            float[] c = SparseCases.dense(33, 70 * 45);
            denseReference(a, b, 0, 45, 45, 1f, c, 0, 45, expected, bound);
            for (ParallelRuntime rt : RUNTIMES) {
                float[] out = c.clone();
                FAST.spmm(MaskedMatrix.fromDense(a), b, 0, 45, 45, 1f, out, 0, 45, rt);
                // the GEMM sums in its own blocked order; the same first-order bound holds with K terms
                checkAgainstDense(expected, widen(bound, 150.0 / (density * 150)), out, 0, 45, c, "masked density " + density);
            }
        }
    }

    private static double[][] widen(double[][] bound, double factor) {
        double[][] out = new double[bound.length][];
        for (int i = 0; i < bound.length; i++) {
            out[i] = bound[i].clone();
            for (int j = 0; j < out[i].length; j++) out[i][j] *= factor;
        }
        return out;
    }

    @Test
    void implicitZerosIgnoreNonFiniteB() {
        // row 0 stores column 0 only; B's row 1 is infinite and must not reach C (sparse paths)
        CsrMatrix a = new CsrMatrix(2, 2, new int[] {0, 1, 2}, new int[] {0, 1}, new float[] {2f, 3f});
        float[] b = {1f, 2f, Float.POSITIVE_INFINITY, Float.NaN};
        for (SpmmKernels k : List.of(REF, FAST)) {
            float[] c = new float[4];
            k.spmm(a, b, 0, 2, 2, 0f, c, 0, 2, SparseCases.TWO);
            assertEquals(2f, c[0]);
            assertEquals(4f, c[1]);
            assertEquals(Float.POSITIVE_INFINITY, c[2]);
            assertTrue(Float.isNaN(c[3]));
        }
    }

    @Test
    void shapeMismatchesAreRejectedBeforeWriting() {
        CsrMatrix a = CsrMatrix.fromDense(SparseCases.random(41, 5, 4, 0.5));
        float[] c = new float[5 * 3];
        for (SpmmKernels k : List.of(REF, FAST)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> k.spmm(a, new float[3 * 3], 0, 3, 3, 0f, c, 0, 3, SparseCases.ONE));
            assertTrue(e.getMessage().contains("B"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> k.spmm(a, new float[4 * 3], 0, 2, 3, 0f, c, 0, 3, SparseCases.ONE));
            assertThrows(IllegalArgumentException.class, () -> k.spmm(a, new float[4 * 3], 0, 3, 3, 0f, new float[14], 0, 3, SparseCases.ONE));
            assertThrows(IllegalArgumentException.class, () -> k.spmm(a, new float[4 * 3], 0, 3, -1, 0f, c, 0, 3, SparseCases.ONE));
            assertThrows(IllegalArgumentException.class, () -> k.spmv(a, new float[3], 0, 0f, new float[5], 0, SparseCases.ONE));
            assertThrows(IllegalArgumentException.class, () -> k.spmv(a, new float[4], 0, 0f, new float[4], 0, SparseCases.ONE));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spmvCases")
    void spmvMatchesDense(SparseCases.Case m) {
        CsrMatrix a = m.csr();
        int xOff = 3, yOff = 2;
        float[] x = SparseCases.dense(51, xOff + m.cols());
        float[] y0 = SparseCases.dense(52, yOff + m.rows() + 2);
        for (float beta : BETAS) {
            double[][] expected = new double[m.rows()][1], bound = new double[m.rows()][1];
            float[] yCol = y0.clone();
            denseReference(m.dense(), x, xOff, 1, 1, beta, yCol, yOff, 1, expected, bound);
            for (ParallelRuntime rt : RUNTIMES) {
                for (SpmmKernels k : List.of(REF, FAST)) {
                    float[] y = y0.clone();
                    k.spmv(a, x, xOff, beta, y, yOff, rt);
                    // the fast kernel's partial sums: a different order, the same first-order bound
                    checkAgainstDense(expected, bound, y, yOff, 1, y0, m + " spmv beta=" + beta + " " + k.getClass().getSimpleName());
                }
            }
        }
    }

    static Stream<SparseCases.Case> spmvCases() {
        List<SparseCases.Case> out = new ArrayList<>(SparseCases.matrices());
        out.add(new SparseCases.Case("long rows", SparseCases.random(61, 13, 300, 0.7)));
        return out.stream();
    }

    @Test
    void packedAndKBlockedPathsMatchReference() {
        // K > 1024 makes the fast CSR kernel block K (a packed 64-float strip of 1024 rows is 256 KB);
        // n >= 64 with enough entries makes it pack B. Skewed rows leave some blocks empty for some rows.
        Tensor a = SparseCases.skewed(101, 45, 2600);
        for (int n : new int[] {64, 130}) {
            int ldb = n + 1, ldc = n + 2;
            float[] b = SparseCases.dense(102, 2600 * ldb);
            float[] c0 = SparseCases.dense(103, 45 * ldc);
            for (float beta : new float[] {0f, 0.5f}) {
                for (ParallelRuntime rt : RUNTIMES) {
                    for (Layout layout : new Layout[] {Layout.CSR, Layout.COO, Layout.COO_SHUFFLED}) {
                        float[] ref = c0.clone(), fast = c0.clone();
                        run(REF, layout, a, b, 0, ldb, n, beta, ref, 0, ldc, rt);
                        run(FAST, layout, a, b, 0, ldb, n, beta, fast, 0, ldc, rt);
                        assertArrayEquals(ref, fast, layout + " n=" + n + " beta=" + beta + " threads=" + rt.threads());
                    }
                }
            }
        }
    }

    @Test
    void largeRandomMatchesReference() {
        SplittableRandom r = new SplittableRandom(71);
        for (int t = 0; t < 4; t++) {
            int rows = 50 + r.nextInt(200), k = 30 + r.nextInt(300), n = 1 + r.nextInt(300);
            CsrMatrix a = CsrMatrix.fromDense(SparseCases.random(72 + t, rows, k, 0.1));
            float[] b = SparseCases.dense(80 + t, k * n);
            float[] ref = new float[rows * n], fast = new float[rows * n];
            REF.spmm(a, b, 0, n, n, 0f, ref, 0, n, SparseCases.THREE);
            FAST.spmm(a, b, 0, n, n, 0f, fast, 0, n, SparseCases.TWO);
            assertArrayEquals(ref, fast, rows + "x" + k + " n=" + n);
        }
    }
}
