package dev.sieve.kernel.sparse;

import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.NmMatrix;

/** The reference n:m SpMM: plain loops, one output row at a time, group by group. */
public final class ScalarNmKernels implements NmKernels {

    @Override
    public void spmm(NmMatrix a, float[] b, int bOff, int ldb, int n, float[] c, int cOff, int ldc, boolean accumulate,
                     ParallelRuntime runtime) {
        StructuredSpmm.check(a, b, bOff, ldb, n, c, cOff, ldc);
        if (n == 0) return;
        long work = (long) a.rows() * a.groupsPerRow() * a.n() * n;
        RowSplit.forRange(a.rows(), work, runtime, (i0, i1) -> rows(a, i0, i1, 0, n, b, bOff, ldb, c, cOff, ldc, accumulate));
    }

    /** Columns {@code [j0, j1)} of output rows {@code [i0, i1)}; also the vector kernel's column tail. */
    public static void rows(NmMatrix a, int i0, int i1, int j0, int j1, float[] b, int bOff, int ldb,
                            float[] c, int cOff, int ldc, boolean accumulate) {
        int nn = a.n(), m = a.m(), groups = a.groupsPerRow(), cols = a.cols();
        float[] v = a.data();
        byte[] pos = a.positions();
        for (int i = i0; i < i1; i++) {
            int cRow = cOff + i * ldc;
            if (!accumulate) StructuredSpmm.zero(c, cRow, j0, j1);
            for (int g = 0; g < groups; g++) {
                int base = (i * groups + g) * nn;
                for (int s = 0; s < nn; s++) {
                    int col = g * m + pos[base + s];
                    if (col >= cols) break; // padding slots come last, only in the last group
                    float x = v[base + s];
                    int bRow = bOff + col * ldb;
                    for (int j = j0; j < j1; j++) c[cRow + j] = Math.fma(x, b[bRow + j], c[cRow + j]);
                }
            }
        }
    }
}
