package dev.sieve.kernel.panama;

import dev.sieve.kernel.sparse.BsrKernels;
import dev.sieve.kernel.sparse.BsrSplit;
import dev.sieve.kernel.sparse.ScalarBsrKernels;
import dev.sieve.kernel.sparse.StructuredSpmm;
import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.BsrMatrix;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked BSR SpMM. For a group of (up to) 4 rows of a block row and a strip of B's columns,
 * the 4 x strip outputs live in 8 vector registers while every block of the row is multiplied in:
 * each of the block's C columns loads one strip of a B row and feeds it to the 4 rows' broadcast
 * values. A block row of R rows is handled as groups of 4, 2 and 1 rows (each with about 8
 * accumulators: 4 x 2, 2 x 4 and 1 x 8 vectors), then strips of one vector per row, and the columns
 * left after the last whole vector go to the scalar reference.
 *
 * <p>All vector code sits flat inside the three group methods: no vector is passed to or returned
 * from a method, so C2 can never box one (see {@link GemmMicroKernel4x2v}).
 */
public final class PanamaBsrKernels implements BsrKernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED.vectorBitSize() > 256 ? FloatVector.SPECIES_256 : FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    @Override
    public void spmm(BsrMatrix a, float[] b, int bOff, int ldb, int n, float[] c, int cOff, int ldc, boolean accumulate,
                     ParallelRuntime runtime) {
        StructuredSpmm.check(a, b, bOff, ldb, n, c, cOff, ldc);
        if (n == 0) return;
        BsrSplit.forBlockRows(a, n, runtime,
                (bi0, bi1) -> blockRows(a, bi0, bi1, b, bOff, ldb, n, c, cOff, ldc, accumulate));
    }

    private static void blockRows(BsrMatrix a, int bi0, int bi1, float[] b, int bOff, int ldb, int n,
                                  float[] c, int cOff, int ldc, boolean accumulate) {
        int rh = a.blockHeight(), rows = a.rows();
        int[] ptr = a.blockRowPtr();
        int vectorCols = n - n % L;
        for (int bi = bi0; bi < bi1; bi++) {
            int h = Math.min(rh, rows - bi * rh); // rows past the matrix are padding: never written
            int r = 0;
            if (vectorCols > 0) {
                for (; r + 4 <= h; r += 4) rows4(a, ptr[bi], ptr[bi + 1], r, b, bOff, ldb, vectorCols, c, cOff + (bi * rh + r) * ldc, ldc, accumulate);
                if (r + 2 <= h) {
                    rows2(a, ptr[bi], ptr[bi + 1], r, b, bOff, ldb, vectorCols, c, cOff + (bi * rh + r) * ldc, ldc, accumulate);
                    r += 2;
                }
                if (r < h) rows1(a, ptr[bi], ptr[bi + 1], r, b, bOff, ldb, vectorCols, c, cOff + (bi * rh + r) * ldc, accumulate);
            }
            if (vectorCols < n) {
                ScalarBsrKernels.blockRows(a, bi, bi + 1, vectorCols, n, b, bOff, ldb, c, cOff, ldc, accumulate);
            }
        }
    }

    /** Rows {@code r0 .. r0+3} of one block row, columns {@code [0, n)} with n a multiple of L. */
    private static void rows4(BsrMatrix a, int blk0, int blk1, int r0, float[] b, int bOff, int ldb, int n,
                              float[] c, int cRow, int ldc, boolean accumulate) {
        int cw = a.blockWidth(), area = a.blockHeight() * cw, cols = a.cols();
        int[] colIdx = a.blockColIdx();
        float[] v = a.data();
        int c1 = cRow + ldc, c2 = cRow + 2 * ldc, c3 = cRow + 3 * ldc;
        int j = 0;
        for (; j + 2 * L <= n; j += 2 * L) {
            FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S);
            FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S);
            FloatVector a20 = FloatVector.zero(S), a21 = FloatVector.zero(S);
            FloatVector a30 = FloatVector.zero(S), a31 = FloatVector.zero(S);
            for (int blk = blk0; blk < blk1; blk++) {
                int col0 = colIdx[blk] * cw;
                int w = Math.min(cw, cols - col0);
                int vi = blk * area + r0 * cw;
                int bi = bOff + col0 * ldb + j;
                for (int q = 0; q < w; q++, vi++, bi += ldb) {
                    FloatVector b0 = FloatVector.fromArray(S, b, bi);
                    FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
                    FloatVector x0 = FloatVector.broadcast(S, v[vi]);
                    a00 = x0.fma(b0, a00);
                    a01 = x0.fma(b1, a01);
                    FloatVector x1 = FloatVector.broadcast(S, v[vi + cw]);
                    a10 = x1.fma(b0, a10);
                    a11 = x1.fma(b1, a11);
                    FloatVector x2 = FloatVector.broadcast(S, v[vi + 2 * cw]);
                    a20 = x2.fma(b0, a20);
                    a21 = x2.fma(b1, a21);
                    FloatVector x3 = FloatVector.broadcast(S, v[vi + 3 * cw]);
                    a30 = x3.fma(b0, a30);
                    a31 = x3.fma(b1, a31);
                }
            }
            if (accumulate) {
                a00 = a00.add(FloatVector.fromArray(S, c, cRow + j));
                a01 = a01.add(FloatVector.fromArray(S, c, cRow + j + L));
                a10 = a10.add(FloatVector.fromArray(S, c, c1 + j));
                a11 = a11.add(FloatVector.fromArray(S, c, c1 + j + L));
                a20 = a20.add(FloatVector.fromArray(S, c, c2 + j));
                a21 = a21.add(FloatVector.fromArray(S, c, c2 + j + L));
                a30 = a30.add(FloatVector.fromArray(S, c, c3 + j));
                a31 = a31.add(FloatVector.fromArray(S, c, c3 + j + L));
            }
            a00.intoArray(c, cRow + j);
            a01.intoArray(c, cRow + j + L);
            a10.intoArray(c, c1 + j);
            a11.intoArray(c, c1 + j + L);
            a20.intoArray(c, c2 + j);
            a21.intoArray(c, c2 + j + L);
            a30.intoArray(c, c3 + j);
            a31.intoArray(c, c3 + j + L);
        }
        for (; j < n; j += L) {
            FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S);
            FloatVector a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
            for (int blk = blk0; blk < blk1; blk++) {
                int col0 = colIdx[blk] * cw;
                int w = Math.min(cw, cols - col0);
                int vi = blk * area + r0 * cw;
                int bi = bOff + col0 * ldb + j;
                for (int q = 0; q < w; q++, vi++, bi += ldb) {
                    FloatVector b0 = FloatVector.fromArray(S, b, bi);
                    a0 = FloatVector.broadcast(S, v[vi]).fma(b0, a0);
                    a1 = FloatVector.broadcast(S, v[vi + cw]).fma(b0, a1);
                    a2 = FloatVector.broadcast(S, v[vi + 2 * cw]).fma(b0, a2);
                    a3 = FloatVector.broadcast(S, v[vi + 3 * cw]).fma(b0, a3);
                }
            }
            if (accumulate) {
                a0 = a0.add(FloatVector.fromArray(S, c, cRow + j));
                a1 = a1.add(FloatVector.fromArray(S, c, c1 + j));
                a2 = a2.add(FloatVector.fromArray(S, c, c2 + j));
                a3 = a3.add(FloatVector.fromArray(S, c, c3 + j));
            }
            a0.intoArray(c, cRow + j);
            a1.intoArray(c, c1 + j);
            a2.intoArray(c, c2 + j);
            a3.intoArray(c, c3 + j);
        }
    }

    /** Rows {@code r0, r0+1} of one block row, columns {@code [0, n)} with n a multiple of L. */
    private static void rows2(BsrMatrix a, int blk0, int blk1, int r0, float[] b, int bOff, int ldb, int n,
                              float[] c, int cRow, int ldc, boolean accumulate) {
        int cw = a.blockWidth(), area = a.blockHeight() * cw, cols = a.cols();
        int[] colIdx = a.blockColIdx();
        float[] v = a.data();
        int c1 = cRow + ldc;
        int j = 0;
        for (; j + 4 * L <= n; j += 4 * L) {
            FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S), a02 = FloatVector.zero(S), a03 = FloatVector.zero(S);
            FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S), a12 = FloatVector.zero(S), a13 = FloatVector.zero(S);
            for (int blk = blk0; blk < blk1; blk++) {
                int col0 = colIdx[blk] * cw;
                int w = Math.min(cw, cols - col0);
                int vi = blk * area + r0 * cw;
                int bi = bOff + col0 * ldb + j;
                for (int q = 0; q < w; q++, vi++, bi += ldb) {
                    FloatVector x0 = FloatVector.broadcast(S, v[vi]);
                    FloatVector x1 = FloatVector.broadcast(S, v[vi + cw]);
                    FloatVector b0 = FloatVector.fromArray(S, b, bi);
                    a00 = x0.fma(b0, a00);
                    a10 = x1.fma(b0, a10);
                    FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
                    a01 = x0.fma(b1, a01);
                    a11 = x1.fma(b1, a11);
                    FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
                    a02 = x0.fma(b2, a02);
                    a12 = x1.fma(b2, a12);
                    FloatVector b3 = FloatVector.fromArray(S, b, bi + 3 * L);
                    a03 = x0.fma(b3, a03);
                    a13 = x1.fma(b3, a13);
                }
            }
            if (accumulate) {
                a00 = a00.add(FloatVector.fromArray(S, c, cRow + j));
                a01 = a01.add(FloatVector.fromArray(S, c, cRow + j + L));
                a02 = a02.add(FloatVector.fromArray(S, c, cRow + j + 2 * L));
                a03 = a03.add(FloatVector.fromArray(S, c, cRow + j + 3 * L));
                a10 = a10.add(FloatVector.fromArray(S, c, c1 + j));
                a11 = a11.add(FloatVector.fromArray(S, c, c1 + j + L));
                a12 = a12.add(FloatVector.fromArray(S, c, c1 + j + 2 * L));
                a13 = a13.add(FloatVector.fromArray(S, c, c1 + j + 3 * L));
            }
            a00.intoArray(c, cRow + j);
            a01.intoArray(c, cRow + j + L);
            a02.intoArray(c, cRow + j + 2 * L);
            a03.intoArray(c, cRow + j + 3 * L);
            a10.intoArray(c, c1 + j);
            a11.intoArray(c, c1 + j + L);
            a12.intoArray(c, c1 + j + 2 * L);
            a13.intoArray(c, c1 + j + 3 * L);
        }
        for (; j < n; j += L) {
            FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S);
            for (int blk = blk0; blk < blk1; blk++) {
                int col0 = colIdx[blk] * cw;
                int w = Math.min(cw, cols - col0);
                int vi = blk * area + r0 * cw;
                int bi = bOff + col0 * ldb + j;
                for (int q = 0; q < w; q++, vi++, bi += ldb) {
                    FloatVector b0 = FloatVector.fromArray(S, b, bi);
                    a0 = FloatVector.broadcast(S, v[vi]).fma(b0, a0);
                    a1 = FloatVector.broadcast(S, v[vi + cw]).fma(b0, a1);
                }
            }
            if (accumulate) {
                a0 = a0.add(FloatVector.fromArray(S, c, cRow + j));
                a1 = a1.add(FloatVector.fromArray(S, c, c1 + j));
            }
            a0.intoArray(c, cRow + j);
            a1.intoArray(c, c1 + j);
        }
    }

    /** Row {@code r0} of one block row, columns {@code [0, n)} with n a multiple of L. */
    private static void rows1(BsrMatrix a, int blk0, int blk1, int r0, float[] b, int bOff, int ldb, int n,
                              float[] c, int cRow, boolean accumulate) {
        int cw = a.blockWidth(), area = a.blockHeight() * cw, cols = a.cols();
        int[] colIdx = a.blockColIdx();
        float[] v = a.data();
        int j = 0;
        for (; j + 8 * L <= n; j += 8 * L) {
            FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
            FloatVector a4 = FloatVector.zero(S), a5 = FloatVector.zero(S), a6 = FloatVector.zero(S), a7 = FloatVector.zero(S);
            for (int blk = blk0; blk < blk1; blk++) {
                int col0 = colIdx[blk] * cw;
                int w = Math.min(cw, cols - col0);
                int vi = blk * area + r0 * cw;
                int bi = bOff + col0 * ldb + j;
                for (int q = 0; q < w; q++, vi++, bi += ldb) {
                    FloatVector x = FloatVector.broadcast(S, v[vi]);
                    a0 = x.fma(FloatVector.fromArray(S, b, bi), a0);
                    a1 = x.fma(FloatVector.fromArray(S, b, bi + L), a1);
                    a2 = x.fma(FloatVector.fromArray(S, b, bi + 2 * L), a2);
                    a3 = x.fma(FloatVector.fromArray(S, b, bi + 3 * L), a3);
                    a4 = x.fma(FloatVector.fromArray(S, b, bi + 4 * L), a4);
                    a5 = x.fma(FloatVector.fromArray(S, b, bi + 5 * L), a5);
                    a6 = x.fma(FloatVector.fromArray(S, b, bi + 6 * L), a6);
                    a7 = x.fma(FloatVector.fromArray(S, b, bi + 7 * L), a7);
                }
            }
            int o = cRow + j;
            if (accumulate) {
                a0 = a0.add(FloatVector.fromArray(S, c, o));
                a1 = a1.add(FloatVector.fromArray(S, c, o + L));
                a2 = a2.add(FloatVector.fromArray(S, c, o + 2 * L));
                a3 = a3.add(FloatVector.fromArray(S, c, o + 3 * L));
                a4 = a4.add(FloatVector.fromArray(S, c, o + 4 * L));
                a5 = a5.add(FloatVector.fromArray(S, c, o + 5 * L));
                a6 = a6.add(FloatVector.fromArray(S, c, o + 6 * L));
                a7 = a7.add(FloatVector.fromArray(S, c, o + 7 * L));
            }
            a0.intoArray(c, o);
            a1.intoArray(c, o + L);
            a2.intoArray(c, o + 2 * L);
            a3.intoArray(c, o + 3 * L);
            a4.intoArray(c, o + 4 * L);
            a5.intoArray(c, o + 5 * L);
            a6.intoArray(c, o + 6 * L);
            a7.intoArray(c, o + 7 * L);
        }
        for (; j < n; j += L) {
            FloatVector a0 = FloatVector.zero(S);
            for (int blk = blk0; blk < blk1; blk++) {
                int col0 = colIdx[blk] * cw;
                int w = Math.min(cw, cols - col0);
                int vi = blk * area + r0 * cw;
                int bi = bOff + col0 * ldb + j;
                for (int q = 0; q < w; q++, vi++, bi += ldb) {
                    a0 = FloatVector.broadcast(S, v[vi]).fma(FloatVector.fromArray(S, b, bi), a0);
                }
            }
            if (accumulate) a0 = a0.add(FloatVector.fromArray(S, c, cRow + j));
            a0.intoArray(c, cRow + j);
        }
    }
}
