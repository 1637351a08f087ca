package dev.sieve.kernel.sparse;

import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.BsrMatrix;

/** The reference BSR SpMM: plain loops, one output row at a time. */
public final class ScalarBsrKernels implements BsrKernels {

    @Override
    public void spmm(BsrMatrix a, float[] b, int bOff, int ldb, int n, float[] c, int cOff, int ldc, boolean accumulate,
                     ParallelRuntime runtime) {
        StructuredSpmm.check(a, b, bOff, ldb, n, c, cOff, ldc);
        if (n == 0) return;
        BsrSplit.forBlockRows(a, n, runtime, (bi0, bi1) -> blockRows(a, bi0, bi1, 0, n, b, bOff, ldb, c, cOff, ldc, accumulate));
    }

    /**
     * Columns {@code [j0, j1)} of the output rows of block rows {@code [bi0, bi1)}. Also the tail of the
     * vector kernel, for the columns left over after its last full vector.
     */
    public static void blockRows(BsrMatrix a, int bi0, int bi1, int j0, int j1, float[] b, int bOff, int ldb,
                          float[] c, int cOff, int ldc, boolean accumulate) {
        int rh = a.blockHeight(), cw = a.blockWidth(), area = rh * cw;
        int rows = a.rows(), cols = a.cols();
        int[] ptr = a.blockRowPtr(), colIdx = a.blockColIdx();
        float[] v = a.data();
        for (int bi = bi0; bi < bi1; bi++) {
            int h = Math.min(rh, rows - bi * rh);
            for (int r = 0; r < h; r++) {
                int cRow = cOff + (bi * rh + r) * ldc;
                if (!accumulate) StructuredSpmm.zero(c, cRow, j0, j1);
                for (int blk = ptr[bi]; blk < ptr[bi + 1]; blk++) {
                    int col0 = colIdx[blk] * cw;
                    int w = Math.min(cw, cols - col0); // padding columns have no row of B
                    for (int q = 0; q < w; q++) {
                        float x = v[blk * area + r * cw + q];
                        int bRow = bOff + (col0 + q) * ldb;
                        for (int j = j0; j < j1; j++) c[cRow + j] = Math.fma(x, b[bRow + j], c[cRow + j]);
                    }
                }
            }
        }
    }
}
