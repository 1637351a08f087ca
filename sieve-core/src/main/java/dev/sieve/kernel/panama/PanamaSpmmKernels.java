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
        // Compressed to CSR arrays in parallel (O(nnz) memory per call), then the CSR driver, so the
        // product gets B packing and K blocking (about 20% on wide B or N = 512). Compressing one row at
        // a time into per-thread scratch for the unpacked row kernel measured the same on 3072 x 768,
        // N = 128 (both about 1.5x the CSR time: the bit scan is the difference).
        int[] rp = CsrArrays.maskedRowPointers(a);
        int[] ci = new int[rp[rows]];
        float[] v = new float[rp[rows]];
        RowSplit.byWeight(runtime, rows, rp, (r0, r1) -> {
            for (int i = r0; i < r1; i++) CsrArrays.compressMaskedRow(a, i, ci, v, rp[i]);
        });
        CsrSpmmDriver.multiply(rows, cols, rp, ci, v, true, b, bOff, ldb, n, beta, c, cOff, ldc, runtime);
    }

    /**
     * Converted to CSR first (a stable counting sort by row, O(nnz) time and memory per call), then the
     * CSR kernel. A direct scatter from the columns (threads owning row ranges, a binary search per
     * column, load/FMA/store of C per entry) was measured about 2x slower than the conversion plus the CSR
     * kernel (3072 x 768, N = 128, 2 threads: 4.8-6.4 ms against 2.7-3.1 ms at 90% sparsity, 29.7 against
     * 15.5 ms at 50%): it is bound by the loads and stores of C. Columns come out increasing within each row, so the
     * per-element order is the CSR one and the results are the same bits.
     */
    @Override
    public void spmm(CscMatrix a, float[] b, int bOff, int ldb, int n, float beta, float[] c, int cOff, int ldc,
                     ParallelRuntime runtime) {
        DenseArgs.product(a.rows(), a.cols(), b, bOff, ldb, n, c, cOff, ldc);
        if (n == 0 || a.rows() == 0) return;
        CsrMatrix t = a.toCsr();
        CsrSpmmDriver.multiply(t.rows(), t.cols(), t.rowPtr(), t.colIdx(), t.data(), true, b, bOff, ldb, n, beta, c, cOff, ldc, runtime);
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
