package dev.sieve.kernel.sparse;

import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.CooMatrix;
import dev.sieve.sparse.CscMatrix;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.sparse.MaskedMatrix;

/**
 * The scalar reference of {@link SpmmKernels}: plain loops, one output element at a time, in exactly
 * the order the interface specifies (so the vector CSR kernel matches it bit for bit). Rows are split
 * between threads as in the fast kernels; each output is still computed by one thread.
 */
public class ScalarSpmmKernels implements SpmmKernels {

    @Override
    public void spmm(CsrMatrix a, float[] b, int bOff, int ldb, int n, float beta, float[] c, int cOff, int ldc,
                     ParallelRuntime runtime) {
        DenseArgs.product(a.rows(), a.cols(), b, bOff, ldb, n, c, cOff, ldc);
        int[] rp = a.rowPtr(), ci = a.colIdx();
        float[] v = a.data();
        RowSplit.byWeight(runtime, a.rows(), rp, (r0, r1) -> rows(rp, ci, v, r0, r1, b, bOff, ldb, n, beta, c, cOff, ldc));
    }

    @Override
    public void spmm(CscMatrix a, float[] b, int bOff, int ldb, int n, float beta, float[] c, int cOff, int ldc,
                     ParallelRuntime runtime) {
        DenseArgs.product(a.rows(), a.cols(), b, bOff, ldb, n, c, cOff, ldc);
        // Single-threaded scatter, the obvious algorithm: scale C, then add column by column.
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < n; j++) {
                int at = cOff + i * ldc + j;
                c[at] = beta == 0f ? 0f : beta * c[at];
            }
        }
        int[] cp = a.colPtr(), ri = a.rowIdx();
        float[] v = a.data();
        for (int k = 0; k < a.cols(); k++) {
            for (int p = cp[k]; p < cp[k + 1]; p++) {
                int co = cOff + ri[p] * ldc, bo = bOff + k * ldb;
                for (int j = 0; j < n; j++) c[co + j] = Math.fma(v[p], b[bo + j], c[co + j]);
            }
        }
    }

    @Override
    public void spmm(CooMatrix a, float[] b, int bOff, int ldb, int n, float beta, float[] c, int cOff, int ldc,
                     ParallelRuntime runtime) {
        DenseArgs.product(a.rows(), a.cols(), b, bOff, ldb, n, c, cOff, ldc);
        CsrArrays s = CsrArrays.of(a);
        RowSplit.byWeight(runtime, a.rows(), s.rowPtr(),
                (r0, r1) -> rows(s.rowPtr(), s.colIdx(), s.data(), r0, r1, b, bOff, ldb, n, beta, c, cOff, ldc));
    }

    @Override
    public void spmm(MaskedMatrix a, float[] b, int bOff, int ldb, int n, float beta, float[] c, int cOff, int ldc,
                     ParallelRuntime runtime) {
        DenseArgs.product(a.rows(), a.cols(), b, bOff, ldb, n, c, cOff, ldc);
        // The reference reads the mask position by position: kept positions only, in column order.
        int cols = a.cols();
        float[] v = a.data();
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < n; j++) {
                int at = cOff + i * ldc + j;
                float acc = beta == 0f ? 0f : beta * c[at];
                for (int k = 0; k < cols; k++) {
                    if (a.isKept(i, k)) acc = Math.fma(v[i * cols + k], b[bOff + k * ldb + j], acc);
                }
                c[at] = acc;
            }
        }
    }

    @Override
    public void spmv(CsrMatrix a, float[] x, int xOff, float beta, float[] y, int yOff, ParallelRuntime runtime) {
        DenseArgs.vector("x", x, xOff, a.cols());
        DenseArgs.vector("y", y, yOff, a.rows());
        int[] rp = a.rowPtr(), ci = a.colIdx();
        float[] v = a.data();
        RowSplit.byWeight(runtime, a.rows(), rp, (r0, r1) -> {
            for (int i = r0; i < r1; i++) {
                float acc = beta == 0f ? 0f : beta * y[yOff + i];
                for (int p = rp[i]; p < rp[i + 1]; p++) acc = Math.fma(v[p], x[xOff + ci[p]], acc);
                y[yOff + i] = acc;
            }
        });
    }

    /** Rows [r0, r1) of C from CSR-ordered arrays, element by element. */
    static void rows(int[] rp, int[] ci, float[] v, int r0, int r1, float[] b, int bOff, int ldb, int n, float beta,
                     float[] c, int cOff, int ldc) {
        for (int i = r0; i < r1; i++) {
            int co = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                float acc = beta == 0f ? 0f : beta * c[co + j];
                for (int p = rp[i]; p < rp[i + 1]; p++) acc = Math.fma(v[p], b[bOff + ci[p] * ldb + j], acc);
                c[co + j] = acc;
            }
        }
    }
}
