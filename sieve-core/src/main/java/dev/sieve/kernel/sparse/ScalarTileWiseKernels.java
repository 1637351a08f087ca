package dev.sieve.kernel.sparse;

import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.TileWiseMatrix;

/** The reference tile-wise SpMM: plain loops over each tile's rows and kept columns. */
public final class ScalarTileWiseKernels implements TileWiseKernels {

    @Override
    public void spmm(TileWiseMatrix a, float[] b, int bOff, int ldb, int n, float[] c, int cOff, int ldc, boolean accumulate,
                     ParallelRuntime runtime) {
        StructuredSpmm.check(a, b, bOff, ldb, n, c, cOff, ldc);
        if (n == 0) return;
        long work = ((long) a.nnz() + a.rows()) * n;
        RowSplit.forRange(a.rows(), work, runtime, (i0, i1) -> rows(a, i0, i1, b, bOff, ldb, n, c, cOff, ldc, accumulate));
    }

    private static void rows(TileWiseMatrix a, int i0, int i1, float[] b, int bOff, int ldb, int n,
                             float[] c, int cOff, int ldc, boolean accumulate) {
        int[] kept = a.keptRows(), colPtr = a.tileColPtr(), tileCols = a.tileCols(), dataPtr = a.tileDataPtr();
        float[] v = a.data();
        int g = a.tileSize();
        int k = TileWiseSplit.firstKeptAtOrAfter(kept, i0);
        for (int i = i0; i < i1; i++) {
            int cRow = cOff + i * ldc;
            if (!accumulate) StructuredSpmm.zero(c, cRow, 0, n);
            if (k >= kept.length || kept[k] != i) continue; // a dropped row
            int t = k / g, kt = colPtr[t + 1] - colPtr[t];
            int aRow = dataPtr[t] + (k - t * g) * kt;
            for (int q = 0; q < kt; q++) {
                float x = v[aRow + q];
                int bRow = bOff + tileCols[colPtr[t] + q] * ldb;
                for (int j = 0; j < n; j++) c[cRow + j] = Math.fma(x, b[bRow + j], c[cRow + j]);
            }
            k++;
        }
    }
}
