package dev.sieve.kernel.panama;

import static dev.sieve.kernel.panama.VectorReductions.L;
import static dev.sieve.kernel.panama.VectorReductions.ROTATE;
import static dev.sieve.kernel.panama.VectorReductions.S;

import dev.sieve.kernel.gemm.Gemm;
import dev.sieve.kernel.sparse.CsrArrays;
import dev.sieve.kernel.sparse.DenseArgs;
import dev.sieve.kernel.sparse.RowSplit;
import dev.sieve.kernel.sparse.SpmmKernels;
import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.CooMatrix;
import dev.sieve.sparse.CscMatrix;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.sparse.MaskedMatrix;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Vector API implementation of {@link SpmmKernels}. CSR and COO go through {@link CsrSpmmDriver} (packing of
 * B, K blocking, threads) and the row kernels of {@link CsrSpmmRows}.
 */
public final class PanamaSpmmKernels implements SpmmKernels {
    /**
     * From this density on, a masked matrix goes through the dense GEMM over its stored values.
     * Measured on the BERT shapes (docs/kernels-unstructured.md): the CSR kernel breaks even with
     * Sieve's dense GEMM between 50% and 60% sparsity, i.e. 40-50% density.
     */
    static final double MASKED_DENSE_THRESHOLD = 0.45;

    /** Per-thread scratch for one compressed masked row (grown on demand, then reused). */
    private static final ThreadLocal<RowScratch> SCRATCH = ThreadLocal.withInitial(RowScratch::new);

    private static final class RowScratch {
        int[] cols = new int[0];
        float[] vals = new float[0];

        void ensure(int n) {
            if (cols.length < n) {
                cols = new int[n];
                vals = new float[n];
            }
        }
    }

    @Override
    public void spmm(CsrMatrix a, float[] b, int bOff, int ldb, int n, float beta, float[] c, int cOff, int ldc,
                     ParallelRuntime runtime) {
        DenseArgs.product(a.rows(), a.cols(), b, bOff, ldb, n, c, cOff, ldc);
        if (n == 0) return;
        CsrSpmmDriver.multiply(a.rows(), a.cols(), a.rowPtr(), a.colIdx(), a.data(), true, b, bOff, ldb, n, beta, c, cOff, ldc, runtime);
    }

    @Override
    public void spmm(CooMatrix a, float[] b, int bOff, int ldb, int n, float beta, float[] c, int cOff, int ldc,
                     ParallelRuntime runtime) {
        DenseArgs.product(a.rows(), a.cols(), b, bOff, ldb, n, c, cOff, ldc);
        if (n == 0) return;
        CsrArrays s = CsrArrays.of(a);
        // columns may repeat or run backwards within a row of a COO, so no K blocking
        CsrSpmmDriver.multiply(a.rows(), a.cols(), s.rowPtr(), s.colIdx(), s.data(), false, b, bOff, ldb, n, beta, c, cOff, ldc, runtime);
    }

    @Override
    public void spmm(MaskedMatrix a, float[] b, int bOff, int ldb, int n, float beta, float[] c, int cOff, int ldc,
                     ParallelRuntime runtime) {
        DenseArgs.product(a.rows(), a.cols(), b, bOff, ldb, n, c, cOff, ldc);
        int rows = a.rows(), cols = a.cols();
        if (n == 0 || rows == 0) return;
        long positions = (long) rows * cols;
        if (positions > 0 && a.nnz() >= MASKED_DENSE_THRESHOLD * positions) {
            Gemm.sgemm(false, false, rows, n, cols, 1f, a.data(), 0, cols, b, bOff, ldb, beta, c, cOff, ldc, runtime);
            return;
        }
        int[] rp = CsrArrays.maskedRowPointers(a);
        RowSplit.byWeight(runtime, rows, rp, (r0, r1) -> {
            RowScratch s = SCRATCH.get();
            s.ensure(cols);
            for (int i = r0; i < r1; i++) {
                int len = CsrArrays.compressMaskedRow(a, i, s.cols, s.vals, 0);
                CsrSpmmRows.row(s.cols, s.vals, 0, len, b, bOff, ldb, n, beta, c, cOff + i * ldc);
            }
        });
    }

    /**
     * Threads own row ranges of C balanced on entries per row. Each scales its rows by beta, then walks
     * the columns of A in order; row indices increase within a column, so a binary search finds the
     * first entry in its range and the entries up to the range's end follow. Each entry adds
     * a_ik · B[k, :] into C row i (load, FMA, store), in strips of at most 8 vectors so the thread's
     * slice of C stays small. Per element this is the CSR order, so the results match the CSR kernel.
     */
    @Override
    public void spmm(CscMatrix a, float[] b, int bOff, int ldb, int n, float beta, float[] c, int cOff, int ldc,
                     ParallelRuntime runtime) {
        DenseArgs.product(a.rows(), a.cols(), b, bOff, ldb, n, c, cOff, ldc);
        int rows = a.rows();
        if (n == 0 || rows == 0) return;
        int[] cp = a.colPtr(), ri = a.rowIdx();
        float[] v = a.data();
        int[] perRow = new int[rows + 1];
        for (int p = 0; p < ri.length; p++) perRow[ri[p] + 1]++;
        for (int i = 0; i < rows; i++) perRow[i + 1] += perRow[i];
        int cols = a.cols();
        RowSplit.byWeight(runtime, rows, perRow, (r0, r1) -> {
            for (int j0 = 0; j0 < n; j0 += 8 * L) {
                int j1 = Math.min(n, j0 + 8 * L);
                for (int i = r0; i < r1; i++) scale(c, cOff + i * ldc, j0, j1, beta);
                for (int k = 0; k < cols; k++) {
                    int e = cp[k + 1];
                    int p = firstAtLeast(ri, cp[k], e, r0);
                    for (; p < e && ri[p] < r1; p++) {
                        addScaled(v[p], b, bOff + k * ldb, c, cOff + ri[p] * ldc, j0, j1);
                    }
                }
            }
        });
    }

    /** First position in [from, to) of the increasing run {@code idx} holding a value >= key. */
    private static int firstAtLeast(int[] idx, int from, int to, int key) {
        int lo = from, hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (idx[mid] < key) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** c[co + j] = beta == 0 ? 0 : beta · c[co + j] for j in [j0, j1). */
    private static void scale(float[] c, int co, int j0, int j1, float beta) {
        for (int j = j0; j < j1; j += L) {
            VectorMask<Float> m = S.indexInRange(j, j1);
            FloatVector x = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, c, co + j, m).mul(beta);
            x.intoArray(c, co + j, m);
        }
    }

    /** c[co + j] = fma(a, b[bo + j], c[co + j]) for j in [j0, j1). */
    private static void addScaled(float a, float[] b, int bo, float[] c, int co, int j0, int j1) {
        FloatVector av = FloatVector.broadcast(S, a);
        int j = j0;
        for (; j + L <= j1; j += L) {
            av.fma(FloatVector.fromArray(S, b, bo + j), FloatVector.fromArray(S, c, co + j)).intoArray(c, co + j);
        }
        if (j < j1) {
            VectorMask<Float> m = S.indexInRange(j, j1);
            av.fma(FloatVector.fromArray(S, b, bo + j, m), FloatVector.fromArray(S, c, co + j, m)).intoArray(c, co + j, m);
        }
    }

    /**
     * Each row is a dot product of its values with x gathered at its columns: two vector partial sums
     * over whole vectors, a scalar sum over the ragged end, then a fixed lane-reduction tree.
     */
    @Override
    public void spmv(CsrMatrix a, float[] x, int xOff, float beta, float[] y, int yOff, ParallelRuntime runtime) {
        DenseArgs.vector("x", x, xOff, a.cols());
        DenseArgs.vector("y", y, yOff, a.rows());
        int[] rp = a.rowPtr(), ci = a.colIdx();
        float[] v = a.data();
        RowSplit.byWeight(runtime, a.rows(), rp, (r0, r1) -> spmvRows(rp, ci, v, r0, r1, x, xOff, beta, y, yOff));
    }

    private static void spmvRows(int[] rp, int[] ci, float[] v, int r0, int r1, float[] x, int xOff, float beta,
                                 float[] y, int yOff) {
        for (int i = r0; i < r1; i++) {
            int p = rp[i], e = rp[i + 1];
            FloatVector s0 = FloatVector.zero(S), s1 = s0;
            for (; p + 2 * L <= e; p += 2 * L) {
                s0 = FloatVector.fromArray(S, v, p).fma(FloatVector.fromArray(S, x, xOff, ci, p), s0);
                s1 = FloatVector.fromArray(S, v, p + L).fma(FloatVector.fromArray(S, x, xOff, ci, p + L), s1);
            }
            if (p + L <= e) {
                s0 = FloatVector.fromArray(S, v, p).fma(FloatVector.fromArray(S, x, xOff, ci, p), s0);
                p += L;
            }
            float tail = 0f;
            for (; p < e; p++) tail = Math.fma(v[p], x[xOff + ci[p]], tail);
            FloatVector acc = s0.add(s1);
            for (int k = ROTATE.length - 1; k >= 0; k--) acc = acc.add(acc.rearrange(ROTATE[k]));
            float sum = acc.lane(0) + tail;
            y[yOff + i] = beta == 0f ? sum : Math.fma(beta, y[yOff + i], sum);
        }
    }
}
