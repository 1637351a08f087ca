package dev.sieve.kernel.sparse;

import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.NmgMatrix;

/** The reference n:m:g SpMM: every stored slot scattered into the n output rows of its pattern. */
public final class ScalarNmgKernels implements NmgKernels {

    @Override
    public void spmm(NmgMatrix a, float[] b, int bOff, int ldb, int n, float[] c, int cOff, int ldc, boolean accumulate,
                     ParallelRuntime runtime) {
        StructuredSpmm.check(a, b, bOff, ldb, n, c, cOff, ldc);
        if (n == 0) return;
        RowSplit.forRange(a.blockCount(), work(a, n), runtime,
                (b0, b1) -> blocks(a, b0, b1, 0, n, b, bOff, ldb, c, cOff, ldc, accumulate));
    }

    /** Multiply-adds of the product, padding included (it decides only whether to use threads). */
    public static long work(NmgMatrix a, int n) {
        return (long) a.columns().length * a.n() * n;
    }

    /** Columns {@code [j0, j1)} of the rows of row blocks {@code [b0, b1)}; also the vector kernel's column tail. */
    public static void blocks(NmgMatrix a, int b0, int b1, int j0, int j1, float[] b, int bOff, int ldb,
                              float[] c, int cOff, int ldc, boolean accumulate) {
        int nn = a.n(), m = a.m(), g = a.g(), w = a.chunkWidth(), chunks = a.chunkCount();
        int rows = a.rows(), cols = a.cols();
        byte[] table = a.patterns().table();
        short[] idx = a.columns();
        float[] v = a.data();
        for (int blk = b0; blk < b1; blk++) {
            int rowBase = blk * m, h = Math.min(m, rows - rowBase);
            if (!accumulate) {
                for (int r = 0; r < h; r++) StructuredSpmm.zero(c, cOff + (rowBase + r) * ldc, j0, j1);
            }
            for (int ch = 0; ch < chunks; ch++) {
                int slot0 = a.slotBase(blk, ch);
                for (int s = 0; s < w; s++) {
                    int col = ch * w + idx[slot0 + s];
                    if (col >= cols) continue; // a padding column: no row of B
                    int bRow = bOff + col * ldb;
                    int p = s / g;
                    for (int t = 0; t < nn; t++) {
                        int r = table[p * nn + t];
                        if (r >= h) continue; // a padding row: no row of C
                        float x = v[(slot0 + s) * nn + t];
                        int cRow = cOff + (rowBase + r) * ldc;
                        for (int j = j0; j < j1; j++) c[cRow + j] = Math.fma(x, b[bRow + j], c[cRow + j]);
                    }
                }
            }
        }
    }
}
