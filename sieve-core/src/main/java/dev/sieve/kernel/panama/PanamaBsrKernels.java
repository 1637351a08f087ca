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
 * Register-blocked BSR SpMM. For a group of 4 rows of a block row and a strip of B's columns, the
 * 4 x strip outputs live in 8 vector registers while the blocks are multiplied in: each of a block's
 * C columns loads one strip of a B row and feeds it to the 4 rows' broadcast values, as the dense
 * GEMM's 4 x 16 micro-kernel does. A block row of R rows is handled as groups of 4, 2 and 1 rows
 * (4 x 2, 2 x 4 and 1 x 8 vectors of accumulators), then strips of one vector, and the columns after
 * the last whole vector go to the scalar reference.
 *
 * <p>Loop order: strip of columns outermost, then panels of block columns, then this thread's block
 * rows; partial sums go to C. A panel's rows of B, one strip wide, are sized to stay in L2
 * ({@link #PANEL_BYTES}); for the BERT shapes that is all of K. Panels sized for L1 were measured too:
 * they were slower (4x4 blocks at 90%: 1.9 ms with 16 KiB panels vs 1.5 ms unblocked, one thread),
 * because C's partial sums then travel more often than B's lines are saved.
 *
 * <p>All vector code sits flat inside the group methods: no vector is passed to or returned from a
 * method, so C2 can never box one (see {@link GemmMicroKernel4x2v}).
 */
public final class PanamaBsrKernels implements BsrKernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED.vectorBitSize() > 256 ? FloatVector.SPECIES_256 : FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Bytes of B (panel rows x strip width) meant to stay in L2 while a panel is in use. */
    static final int PANEL_BYTES = 256 << 10;

    private static final ThreadLocal<int[][]> CURSORS = ThreadLocal.withInitial(() -> new int[1][0]);

    @Override
    public void spmm(BsrMatrix a, float[] b, int bOff, int ldb, int n, float[] c, int cOff, int ldc, boolean accumulate,
                     ParallelRuntime runtime) {
        StructuredSpmm.check(a, b, bOff, ldb, n, c, cOff, ldc);
        if (n == 0) return;
        BsrSplit.forBlockRows(a, n, runtime, (bi0, bi1) -> blockRows(a, bi0, bi1, b, bOff, ldb, n, c, cOff, ldc, accumulate));
    }

    private static void blockRows(BsrMatrix a, int bi0, int bi1, float[] b, int bOff, int ldb, int n,
                                  float[] c, int cOff, int ldc, boolean accumulate) {
        int vectorCols = n - n % L;
        if (vectorCols > 0) {
            int rh = a.blockHeight();
            if (!accumulate) {
                for (int i = bi0 * rh; i < Math.min(a.rows(), bi1 * rh); i++) StructuredSpmm.zero(c, cOff + i * ldc, 0, vectorCols);
            }
            int[][] holder = CURSORS.get();
            if (holder[0].length < bi1 - bi0) holder[0] = new int[bi1 - bi0];
            int[] cursor = holder[0];
            // rows in groups of 4, then a pair, then a single row; each kind sweeps its own strips
            for (int rows = 4; rows >= 1; rows /= 2) {
                int hLast = Math.min(rh, a.rows() - (bi1 - 1) * rh);
                if (groupStart(rh, rows) == groupEnd(rh, rows) && groupStart(hLast, rows) == groupEnd(hLast, rows)) continue;
                int wide = 8 / rows;
                int j = 0;
                for (; j + wide * L <= vectorCols; j += wide * L) sweep(a, bi0, bi1, rows, wide, cursor, b, bOff, ldb, j, c, cOff, ldc);
                for (; j < vectorCols; j += L) sweep(a, bi0, bi1, rows, 1, cursor, b, bOff, ldb, j, c, cOff, ldc);
            }
        }
        if (vectorCols < n) {
            ScalarBsrKernels.blockRows(a, bi0, bi1, vectorCols, n, b, bOff, ldb, c, cOff, ldc, accumulate);
        }
    }

    /** First row of a block row of h rows handled in groups of {@code rows}: 4s from 0, then a pair, then a single row. */
    private static int groupStart(int h, int rows) {
        return rows == 4 ? 0 : rows == 2 ? h - h % 4 : h - h % 2;
    }

    /** End of the rows handled in groups of {@code rows}. */
    private static int groupEnd(int h, int rows) {
        return rows == 4 ? h - h % 4 : rows == 2 ? h - h % 2 : h;
    }

    /**
     * One strip {@code [j, j + vectors*L)} for the row groups of size {@code rows} of block rows
     * {@code [bi0, bi1)}, panel by panel of block columns.
     */
    private static void sweep(BsrMatrix a, int bi0, int bi1, int rows, int vectors, int[] cursor, float[] b, int bOff, int ldb,
                              int j, float[] c, int cOff, int ldc) {
        int rh = a.blockHeight(), cw = a.blockWidth(), m = a.rows();
        int[] ptr = a.blockRowPtr(), colIdx = a.blockColIdx();
        int panel = Math.max(1, PANEL_BYTES / (vectors * L * Float.BYTES) / cw); // block columns per panel
        for (int bi = bi0; bi < bi1; bi++) cursor[bi - bi0] = ptr[bi];
        int narrowCol = a.cols() % cw == 0 ? -1 : a.blockColCount() - 1; // the block column cut by the matrix edge
        boolean unrolled = cw == 2 || cw == 4 || cw == 8;
        for (int p0 = 0; p0 < a.blockColCount(); p0 += panel) {
            int p1 = p0 + panel;
            for (int bi = bi0; bi < bi1; bi++) {
                int from = cursor[bi - bi0], to = from, end = ptr[bi + 1];
                while (to < end && colIdx[to] < p1) to++;
                if (to == from) continue;
                cursor[bi - bi0] = to;
                int h = Math.min(rh, m - bi * rh); // rows past the matrix are padding: never written
                for (int r = groupStart(h, rows), r1 = groupEnd(h, rows); r < r1; r += rows) {
                    int cRow = cOff + (bi * rh + r) * ldc;
                    if (vectors == 1) {
                        if (rows == 4) rows4x1(a, from, to, r, b, bOff, ldb, j, c, cRow, ldc);
                        else if (rows == 2) rows2x1(a, from, to, r, b, bOff, ldb, j, c, cRow, ldc);
                        else rows1x1(a, from, to, r, b, bOff, ldb, j, c, cRow, ldc);
                        continue;
                    }
                    // Blocks 2, 4 or 8 wide take a body unrolled over the block's columns: with a loop of
                    // so few iterations per block, C2's loop setup cost more than the 8-FMA steps. A
                    // narrower last block column (the matrix edge) takes the loop.
                    int whole = unrolled && colIdx[to - 1] == narrowCol ? to - 1 : to;
                    if (unrolled && whole > from) {
                        if (rows == 4) {
                            if (cw == 2) rows4x2w2(a, from, whole, r, b, bOff, ldb, j, c, cRow, ldc);
                            else if (cw == 4) rows4x2w4(a, from, whole, r, b, bOff, ldb, j, c, cRow, ldc);
                            else rows4x2w8(a, from, whole, r, b, bOff, ldb, j, c, cRow, ldc);
                        } else if (rows == 2) {
                            if (cw == 2) rows2x4w2(a, from, whole, r, b, bOff, ldb, j, c, cRow, ldc);
                            else if (cw == 4) rows2x4w4(a, from, whole, r, b, bOff, ldb, j, c, cRow, ldc);
                            else rows2x4w8(a, from, whole, r, b, bOff, ldb, j, c, cRow, ldc);
                        } else {
                            if (cw == 2) rows1x8w2(a, from, whole, r, b, bOff, ldb, j, c, cRow, ldc);
                            else if (cw == 4) rows1x8w4(a, from, whole, r, b, bOff, ldb, j, c, cRow, ldc);
                            else rows1x8w8(a, from, whole, r, b, bOff, ldb, j, c, cRow, ldc);
                        }
                    }
                    int rest = unrolled ? whole : from;
                    if (rest < to) {
                        if (rows == 4) rows4x2(a, rest, to, r, b, bOff, ldb, j, c, cRow, ldc);
                        else if (rows == 2) rows2x4(a, rest, to, r, b, bOff, ldb, j, c, cRow, ldc);
                        else rows1x8(a, rest, to, r, b, bOff, ldb, j, c, cRow, ldc);
                    }
                }
            }
        }
    }

    /** Adds rows {@code r0 .. r0+3} of blocks {@code [blk0, blk1)} times B into C, columns {@code [j, j+2L)}. */
    private static void rows4x2(BsrMatrix a, int blk0, int blk1, int r0, float[] b, int bOff, int ldb, int j, float[] c, int cRow, int ldc) {
        int cw = a.blockWidth(), area = a.blockHeight() * cw, cols = a.cols();
        int[] colIdx = a.blockColIdx();
        float[] v = a.data();
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S), a21 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S), a31 = FloatVector.zero(S);
        for (int blk = blk0; blk < blk1; blk++) {
            int col0 = colIdx[blk] * cw;
            int w = Math.min(cw, cols - col0); // padding columns have no row of B
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
        int o0 = cRow + j;
        a00.add(FloatVector.fromArray(S, c, o0)).intoArray(c, o0);
        a01.add(FloatVector.fromArray(S, c, o0 + L)).intoArray(c, o0 + L);
        int o1 = cRow + ldc + j;
        a10.add(FloatVector.fromArray(S, c, o1)).intoArray(c, o1);
        a11.add(FloatVector.fromArray(S, c, o1 + L)).intoArray(c, o1 + L);
        int o2 = cRow + 2 * ldc + j;
        a20.add(FloatVector.fromArray(S, c, o2)).intoArray(c, o2);
        a21.add(FloatVector.fromArray(S, c, o2 + L)).intoArray(c, o2 + L);
        int o3 = cRow + 3 * ldc + j;
        a30.add(FloatVector.fromArray(S, c, o3)).intoArray(c, o3);
        a31.add(FloatVector.fromArray(S, c, o3 + L)).intoArray(c, o3 + L);
    }

    /** Adds rows {@code r0 .. r0+3} of blocks {@code [blk0, blk1)} times B into C, columns {@code [j, j+1L)}. */
    private static void rows4x1(BsrMatrix a, int blk0, int blk1, int r0, float[] b, int bOff, int ldb, int j, float[] c, int cRow, int ldc) {
        int cw = a.blockWidth(), area = a.blockHeight() * cw, cols = a.cols();
        int[] colIdx = a.blockColIdx();
        float[] v = a.data();
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        for (int blk = blk0; blk < blk1; blk++) {
            int col0 = colIdx[blk] * cw;
            int w = Math.min(cw, cols - col0); // padding columns have no row of B
            int vi = blk * area + r0 * cw;
            int bi = bOff + col0 * ldb + j;
            for (int q = 0; q < w; q++, vi++, bi += ldb) {
                FloatVector b0 = FloatVector.fromArray(S, b, bi);
                FloatVector x0 = FloatVector.broadcast(S, v[vi]);
                a00 = x0.fma(b0, a00);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + cw]);
                a10 = x1.fma(b0, a10);
                FloatVector x2 = FloatVector.broadcast(S, v[vi + 2 * cw]);
                a20 = x2.fma(b0, a20);
                FloatVector x3 = FloatVector.broadcast(S, v[vi + 3 * cw]);
                a30 = x3.fma(b0, a30);
            }
        }
        int o0 = cRow + j;
        a00.add(FloatVector.fromArray(S, c, o0)).intoArray(c, o0);
        int o1 = cRow + ldc + j;
        a10.add(FloatVector.fromArray(S, c, o1)).intoArray(c, o1);
        int o2 = cRow + 2 * ldc + j;
        a20.add(FloatVector.fromArray(S, c, o2)).intoArray(c, o2);
        int o3 = cRow + 3 * ldc + j;
        a30.add(FloatVector.fromArray(S, c, o3)).intoArray(c, o3);
    }

    /** Adds rows {@code r0 .. r0+1} of blocks {@code [blk0, blk1)} times B into C, columns {@code [j, j+4L)}. */
    private static void rows2x4(BsrMatrix a, int blk0, int blk1, int r0, float[] b, int bOff, int ldb, int j, float[] c, int cRow, int ldc) {
        int cw = a.blockWidth(), area = a.blockHeight() * cw, cols = a.cols();
        int[] colIdx = a.blockColIdx();
        float[] v = a.data();
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S), a02 = FloatVector.zero(S), a03 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S), a12 = FloatVector.zero(S), a13 = FloatVector.zero(S);
        for (int blk = blk0; blk < blk1; blk++) {
            int col0 = colIdx[blk] * cw;
            int w = Math.min(cw, cols - col0); // padding columns have no row of B
            int vi = blk * area + r0 * cw;
            int bi = bOff + col0 * ldb + j;
            for (int q = 0; q < w; q++, vi++, bi += ldb) {
                FloatVector b0 = FloatVector.fromArray(S, b, bi);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + 3 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + cw]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                a12 = x1.fma(b2, a12);
                a13 = x1.fma(b3, a13);
            }
        }
        int o0 = cRow + j;
        a00.add(FloatVector.fromArray(S, c, o0)).intoArray(c, o0);
        a01.add(FloatVector.fromArray(S, c, o0 + L)).intoArray(c, o0 + L);
        a02.add(FloatVector.fromArray(S, c, o0 + 2 * L)).intoArray(c, o0 + 2 * L);
        a03.add(FloatVector.fromArray(S, c, o0 + 3 * L)).intoArray(c, o0 + 3 * L);
        int o1 = cRow + ldc + j;
        a10.add(FloatVector.fromArray(S, c, o1)).intoArray(c, o1);
        a11.add(FloatVector.fromArray(S, c, o1 + L)).intoArray(c, o1 + L);
        a12.add(FloatVector.fromArray(S, c, o1 + 2 * L)).intoArray(c, o1 + 2 * L);
        a13.add(FloatVector.fromArray(S, c, o1 + 3 * L)).intoArray(c, o1 + 3 * L);
    }

    /** Adds rows {@code r0 .. r0+1} of blocks {@code [blk0, blk1)} times B into C, columns {@code [j, j+1L)}. */
    private static void rows2x1(BsrMatrix a, int blk0, int blk1, int r0, float[] b, int bOff, int ldb, int j, float[] c, int cRow, int ldc) {
        int cw = a.blockWidth(), area = a.blockHeight() * cw, cols = a.cols();
        int[] colIdx = a.blockColIdx();
        float[] v = a.data();
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        for (int blk = blk0; blk < blk1; blk++) {
            int col0 = colIdx[blk] * cw;
            int w = Math.min(cw, cols - col0); // padding columns have no row of B
            int vi = blk * area + r0 * cw;
            int bi = bOff + col0 * ldb + j;
            for (int q = 0; q < w; q++, vi++, bi += ldb) {
                FloatVector b0 = FloatVector.fromArray(S, b, bi);
                FloatVector x0 = FloatVector.broadcast(S, v[vi]);
                a00 = x0.fma(b0, a00);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + cw]);
                a10 = x1.fma(b0, a10);
            }
        }
        int o0 = cRow + j;
        a00.add(FloatVector.fromArray(S, c, o0)).intoArray(c, o0);
        int o1 = cRow + ldc + j;
        a10.add(FloatVector.fromArray(S, c, o1)).intoArray(c, o1);
    }

    /** Adds rows {@code r0 .. r0+0} of blocks {@code [blk0, blk1)} times B into C, columns {@code [j, j+8L)}. */
    private static void rows1x8(BsrMatrix a, int blk0, int blk1, int r0, float[] b, int bOff, int ldb, int j, float[] c, int cRow, int ldc) {
        int cw = a.blockWidth(), area = a.blockHeight() * cw, cols = a.cols();
        int[] colIdx = a.blockColIdx();
        float[] v = a.data();
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S), a02 = FloatVector.zero(S), a03 = FloatVector.zero(S), a04 = FloatVector.zero(S), a05 = FloatVector.zero(S), a06 = FloatVector.zero(S), a07 = FloatVector.zero(S);
        for (int blk = blk0; blk < blk1; blk++) {
            int col0 = colIdx[blk] * cw;
            int w = Math.min(cw, cols - col0); // padding columns have no row of B
            int vi = blk * area + r0 * cw;
            int bi = bOff + col0 * ldb + j;
            for (int q = 0; q < w; q++, vi++, bi += ldb) {
                FloatVector b0 = FloatVector.fromArray(S, b, bi);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + 3 * L);
                FloatVector b4 = FloatVector.fromArray(S, b, bi + 4 * L);
                FloatVector b5 = FloatVector.fromArray(S, b, bi + 5 * L);
                FloatVector b6 = FloatVector.fromArray(S, b, bi + 6 * L);
                FloatVector b7 = FloatVector.fromArray(S, b, bi + 7 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                a04 = x0.fma(b4, a04);
                a05 = x0.fma(b5, a05);
                a06 = x0.fma(b6, a06);
                a07 = x0.fma(b7, a07);
            }
        }
        int o0 = cRow + j;
        a00.add(FloatVector.fromArray(S, c, o0)).intoArray(c, o0);
        a01.add(FloatVector.fromArray(S, c, o0 + L)).intoArray(c, o0 + L);
        a02.add(FloatVector.fromArray(S, c, o0 + 2 * L)).intoArray(c, o0 + 2 * L);
        a03.add(FloatVector.fromArray(S, c, o0 + 3 * L)).intoArray(c, o0 + 3 * L);
        a04.add(FloatVector.fromArray(S, c, o0 + 4 * L)).intoArray(c, o0 + 4 * L);
        a05.add(FloatVector.fromArray(S, c, o0 + 5 * L)).intoArray(c, o0 + 5 * L);
        a06.add(FloatVector.fromArray(S, c, o0 + 6 * L)).intoArray(c, o0 + 6 * L);
        a07.add(FloatVector.fromArray(S, c, o0 + 7 * L)).intoArray(c, o0 + 7 * L);
    }

    /** Adds rows {@code r0 .. r0+0} of blocks {@code [blk0, blk1)} times B into C, columns {@code [j, j+1L)}. */
    private static void rows1x1(BsrMatrix a, int blk0, int blk1, int r0, float[] b, int bOff, int ldb, int j, float[] c, int cRow, int ldc) {
        int cw = a.blockWidth(), area = a.blockHeight() * cw, cols = a.cols();
        int[] colIdx = a.blockColIdx();
        float[] v = a.data();
        FloatVector a00 = FloatVector.zero(S);
        for (int blk = blk0; blk < blk1; blk++) {
            int col0 = colIdx[blk] * cw;
            int w = Math.min(cw, cols - col0); // padding columns have no row of B
            int vi = blk * area + r0 * cw;
            int bi = bOff + col0 * ldb + j;
            for (int q = 0; q < w; q++, vi++, bi += ldb) {
                FloatVector b0 = FloatVector.fromArray(S, b, bi);
                FloatVector x0 = FloatVector.broadcast(S, v[vi]);
                a00 = x0.fma(b0, a00);
            }
        }
        int o0 = cRow + j;
        a00.add(FloatVector.fromArray(S, c, o0)).intoArray(c, o0);
    }

    /** As {@code rows4x2} for blocks exactly 2 wide and inside the matrix: the block's columns unrolled. */
    private static void rows4x2w2(BsrMatrix a, int blk0, int blk1, int r0, float[] b, int bOff, int ldb, int j, float[] c, int cRow, int ldc) {
        int area = a.blockHeight() * 2, ldb2 = 2 * ldb, ldb3 = 3 * ldb;
        int[] colIdx = a.blockColIdx();
        float[] v = a.data();
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S), a21 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S), a31 = FloatVector.zero(S);
        for (int blk = blk0, vi = blk0 * area + r0 * 2; blk < blk1; blk++, vi += area) {
            int bi = bOff + colIdx[blk] * 2 * ldb + j;
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 2]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                FloatVector x2 = FloatVector.broadcast(S, v[vi + 4]);
                a20 = x2.fma(b0, a20);
                a21 = x2.fma(b1, a21);
                FloatVector x3 = FloatVector.broadcast(S, v[vi + 6]);
                a30 = x3.fma(b0, a30);
                a31 = x3.fma(b1, a31);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + ldb);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + ldb + L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 1]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 3]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                FloatVector x2 = FloatVector.broadcast(S, v[vi + 5]);
                a20 = x2.fma(b0, a20);
                a21 = x2.fma(b1, a21);
                FloatVector x3 = FloatVector.broadcast(S, v[vi + 7]);
                a30 = x3.fma(b0, a30);
                a31 = x3.fma(b1, a31);
            }
        }
        int o0 = cRow + j;
        a00.add(FloatVector.fromArray(S, c, o0)).intoArray(c, o0);
        a01.add(FloatVector.fromArray(S, c, o0 + L)).intoArray(c, o0 + L);
        int o1 = cRow + ldc + j;
        a10.add(FloatVector.fromArray(S, c, o1)).intoArray(c, o1);
        a11.add(FloatVector.fromArray(S, c, o1 + L)).intoArray(c, o1 + L);
        int o2 = cRow + 2 * ldc + j;
        a20.add(FloatVector.fromArray(S, c, o2)).intoArray(c, o2);
        a21.add(FloatVector.fromArray(S, c, o2 + L)).intoArray(c, o2 + L);
        int o3 = cRow + 3 * ldc + j;
        a30.add(FloatVector.fromArray(S, c, o3)).intoArray(c, o3);
        a31.add(FloatVector.fromArray(S, c, o3 + L)).intoArray(c, o3 + L);
    }

    /** As {@code rows4x2} for blocks exactly 4 wide and inside the matrix: the block's columns unrolled. */
    private static void rows4x2w4(BsrMatrix a, int blk0, int blk1, int r0, float[] b, int bOff, int ldb, int j, float[] c, int cRow, int ldc) {
        int area = a.blockHeight() * 4, ldb2 = 2 * ldb, ldb3 = 3 * ldb;
        int[] colIdx = a.blockColIdx();
        float[] v = a.data();
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S), a21 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S), a31 = FloatVector.zero(S);
        for (int blk = blk0, vi = blk0 * area + r0 * 4; blk < blk1; blk++, vi += area) {
            int bi = bOff + colIdx[blk] * 4 * ldb + j;
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 4]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                FloatVector x2 = FloatVector.broadcast(S, v[vi + 8]);
                a20 = x2.fma(b0, a20);
                a21 = x2.fma(b1, a21);
                FloatVector x3 = FloatVector.broadcast(S, v[vi + 12]);
                a30 = x3.fma(b0, a30);
                a31 = x3.fma(b1, a31);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + ldb);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + ldb + L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 1]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 5]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                FloatVector x2 = FloatVector.broadcast(S, v[vi + 9]);
                a20 = x2.fma(b0, a20);
                a21 = x2.fma(b1, a21);
                FloatVector x3 = FloatVector.broadcast(S, v[vi + 13]);
                a30 = x3.fma(b0, a30);
                a31 = x3.fma(b1, a31);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + ldb2);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + ldb2 + L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 2]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 6]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                FloatVector x2 = FloatVector.broadcast(S, v[vi + 10]);
                a20 = x2.fma(b0, a20);
                a21 = x2.fma(b1, a21);
                FloatVector x3 = FloatVector.broadcast(S, v[vi + 14]);
                a30 = x3.fma(b0, a30);
                a31 = x3.fma(b1, a31);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + ldb3);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + ldb3 + L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 3]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 7]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                FloatVector x2 = FloatVector.broadcast(S, v[vi + 11]);
                a20 = x2.fma(b0, a20);
                a21 = x2.fma(b1, a21);
                FloatVector x3 = FloatVector.broadcast(S, v[vi + 15]);
                a30 = x3.fma(b0, a30);
                a31 = x3.fma(b1, a31);
            }
        }
        int o0 = cRow + j;
        a00.add(FloatVector.fromArray(S, c, o0)).intoArray(c, o0);
        a01.add(FloatVector.fromArray(S, c, o0 + L)).intoArray(c, o0 + L);
        int o1 = cRow + ldc + j;
        a10.add(FloatVector.fromArray(S, c, o1)).intoArray(c, o1);
        a11.add(FloatVector.fromArray(S, c, o1 + L)).intoArray(c, o1 + L);
        int o2 = cRow + 2 * ldc + j;
        a20.add(FloatVector.fromArray(S, c, o2)).intoArray(c, o2);
        a21.add(FloatVector.fromArray(S, c, o2 + L)).intoArray(c, o2 + L);
        int o3 = cRow + 3 * ldc + j;
        a30.add(FloatVector.fromArray(S, c, o3)).intoArray(c, o3);
        a31.add(FloatVector.fromArray(S, c, o3 + L)).intoArray(c, o3 + L);
    }

    /** As {@code rows4x2} for blocks exactly 8 wide and inside the matrix: the block's columns unrolled. */
    private static void rows4x2w8(BsrMatrix a, int blk0, int blk1, int r0, float[] b, int bOff, int ldb, int j, float[] c, int cRow, int ldc) {
        int area = a.blockHeight() * 8, ldb2 = 2 * ldb, ldb3 = 3 * ldb;
        int[] colIdx = a.blockColIdx();
        float[] v = a.data();
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S), a21 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S), a31 = FloatVector.zero(S);
        for (int blk = blk0, vi = blk0 * area + r0 * 8; blk < blk1; blk++, vi += area) {
            int bi = bOff + colIdx[blk] * 8 * ldb + j;
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 8]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                FloatVector x2 = FloatVector.broadcast(S, v[vi + 16]);
                a20 = x2.fma(b0, a20);
                a21 = x2.fma(b1, a21);
                FloatVector x3 = FloatVector.broadcast(S, v[vi + 24]);
                a30 = x3.fma(b0, a30);
                a31 = x3.fma(b1, a31);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + ldb);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + ldb + L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 1]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 9]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                FloatVector x2 = FloatVector.broadcast(S, v[vi + 17]);
                a20 = x2.fma(b0, a20);
                a21 = x2.fma(b1, a21);
                FloatVector x3 = FloatVector.broadcast(S, v[vi + 25]);
                a30 = x3.fma(b0, a30);
                a31 = x3.fma(b1, a31);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + ldb2);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + ldb2 + L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 2]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 10]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                FloatVector x2 = FloatVector.broadcast(S, v[vi + 18]);
                a20 = x2.fma(b0, a20);
                a21 = x2.fma(b1, a21);
                FloatVector x3 = FloatVector.broadcast(S, v[vi + 26]);
                a30 = x3.fma(b0, a30);
                a31 = x3.fma(b1, a31);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + ldb3);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + ldb3 + L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 3]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 11]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                FloatVector x2 = FloatVector.broadcast(S, v[vi + 19]);
                a20 = x2.fma(b0, a20);
                a21 = x2.fma(b1, a21);
                FloatVector x3 = FloatVector.broadcast(S, v[vi + 27]);
                a30 = x3.fma(b0, a30);
                a31 = x3.fma(b1, a31);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + 4 * ldb);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + 4 * ldb + L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 4]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 12]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                FloatVector x2 = FloatVector.broadcast(S, v[vi + 20]);
                a20 = x2.fma(b0, a20);
                a21 = x2.fma(b1, a21);
                FloatVector x3 = FloatVector.broadcast(S, v[vi + 28]);
                a30 = x3.fma(b0, a30);
                a31 = x3.fma(b1, a31);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + 5 * ldb);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + 5 * ldb + L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 5]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 13]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                FloatVector x2 = FloatVector.broadcast(S, v[vi + 21]);
                a20 = x2.fma(b0, a20);
                a21 = x2.fma(b1, a21);
                FloatVector x3 = FloatVector.broadcast(S, v[vi + 29]);
                a30 = x3.fma(b0, a30);
                a31 = x3.fma(b1, a31);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + 6 * ldb);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + 6 * ldb + L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 6]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 14]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                FloatVector x2 = FloatVector.broadcast(S, v[vi + 22]);
                a20 = x2.fma(b0, a20);
                a21 = x2.fma(b1, a21);
                FloatVector x3 = FloatVector.broadcast(S, v[vi + 30]);
                a30 = x3.fma(b0, a30);
                a31 = x3.fma(b1, a31);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + 7 * ldb);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + 7 * ldb + L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 7]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 15]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                FloatVector x2 = FloatVector.broadcast(S, v[vi + 23]);
                a20 = x2.fma(b0, a20);
                a21 = x2.fma(b1, a21);
                FloatVector x3 = FloatVector.broadcast(S, v[vi + 31]);
                a30 = x3.fma(b0, a30);
                a31 = x3.fma(b1, a31);
            }
        }
        int o0 = cRow + j;
        a00.add(FloatVector.fromArray(S, c, o0)).intoArray(c, o0);
        a01.add(FloatVector.fromArray(S, c, o0 + L)).intoArray(c, o0 + L);
        int o1 = cRow + ldc + j;
        a10.add(FloatVector.fromArray(S, c, o1)).intoArray(c, o1);
        a11.add(FloatVector.fromArray(S, c, o1 + L)).intoArray(c, o1 + L);
        int o2 = cRow + 2 * ldc + j;
        a20.add(FloatVector.fromArray(S, c, o2)).intoArray(c, o2);
        a21.add(FloatVector.fromArray(S, c, o2 + L)).intoArray(c, o2 + L);
        int o3 = cRow + 3 * ldc + j;
        a30.add(FloatVector.fromArray(S, c, o3)).intoArray(c, o3);
        a31.add(FloatVector.fromArray(S, c, o3 + L)).intoArray(c, o3 + L);
    }

    /** As {@code rows2x4} for blocks exactly 2 wide and inside the matrix: the block's columns unrolled. */
    private static void rows2x4w2(BsrMatrix a, int blk0, int blk1, int r0, float[] b, int bOff, int ldb, int j, float[] c, int cRow, int ldc) {
        int area = a.blockHeight() * 2, ldb2 = 2 * ldb, ldb3 = 3 * ldb;
        int[] colIdx = a.blockColIdx();
        float[] v = a.data();
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S), a02 = FloatVector.zero(S), a03 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S), a12 = FloatVector.zero(S), a13 = FloatVector.zero(S);
        for (int blk = blk0, vi = blk0 * area + r0 * 2; blk < blk1; blk++, vi += area) {
            int bi = bOff + colIdx[blk] * 2 * ldb + j;
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + 3 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 2]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                a12 = x1.fma(b2, a12);
                a13 = x1.fma(b3, a13);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + ldb);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + ldb + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + ldb + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + ldb + 3 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 1]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 3]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                a12 = x1.fma(b2, a12);
                a13 = x1.fma(b3, a13);
            }
        }
        int o0 = cRow + j;
        a00.add(FloatVector.fromArray(S, c, o0)).intoArray(c, o0);
        a01.add(FloatVector.fromArray(S, c, o0 + L)).intoArray(c, o0 + L);
        a02.add(FloatVector.fromArray(S, c, o0 + 2 * L)).intoArray(c, o0 + 2 * L);
        a03.add(FloatVector.fromArray(S, c, o0 + 3 * L)).intoArray(c, o0 + 3 * L);
        int o1 = cRow + ldc + j;
        a10.add(FloatVector.fromArray(S, c, o1)).intoArray(c, o1);
        a11.add(FloatVector.fromArray(S, c, o1 + L)).intoArray(c, o1 + L);
        a12.add(FloatVector.fromArray(S, c, o1 + 2 * L)).intoArray(c, o1 + 2 * L);
        a13.add(FloatVector.fromArray(S, c, o1 + 3 * L)).intoArray(c, o1 + 3 * L);
    }

    /** As {@code rows2x4} for blocks exactly 4 wide and inside the matrix: the block's columns unrolled. */
    private static void rows2x4w4(BsrMatrix a, int blk0, int blk1, int r0, float[] b, int bOff, int ldb, int j, float[] c, int cRow, int ldc) {
        int area = a.blockHeight() * 4, ldb2 = 2 * ldb, ldb3 = 3 * ldb;
        int[] colIdx = a.blockColIdx();
        float[] v = a.data();
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S), a02 = FloatVector.zero(S), a03 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S), a12 = FloatVector.zero(S), a13 = FloatVector.zero(S);
        for (int blk = blk0, vi = blk0 * area + r0 * 4; blk < blk1; blk++, vi += area) {
            int bi = bOff + colIdx[blk] * 4 * ldb + j;
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + 3 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 4]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                a12 = x1.fma(b2, a12);
                a13 = x1.fma(b3, a13);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + ldb);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + ldb + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + ldb + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + ldb + 3 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 1]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 5]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                a12 = x1.fma(b2, a12);
                a13 = x1.fma(b3, a13);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + ldb2);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + ldb2 + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + ldb2 + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + ldb2 + 3 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 2]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 6]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                a12 = x1.fma(b2, a12);
                a13 = x1.fma(b3, a13);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + ldb3);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + ldb3 + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + ldb3 + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + ldb3 + 3 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 3]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 7]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                a12 = x1.fma(b2, a12);
                a13 = x1.fma(b3, a13);
            }
        }
        int o0 = cRow + j;
        a00.add(FloatVector.fromArray(S, c, o0)).intoArray(c, o0);
        a01.add(FloatVector.fromArray(S, c, o0 + L)).intoArray(c, o0 + L);
        a02.add(FloatVector.fromArray(S, c, o0 + 2 * L)).intoArray(c, o0 + 2 * L);
        a03.add(FloatVector.fromArray(S, c, o0 + 3 * L)).intoArray(c, o0 + 3 * L);
        int o1 = cRow + ldc + j;
        a10.add(FloatVector.fromArray(S, c, o1)).intoArray(c, o1);
        a11.add(FloatVector.fromArray(S, c, o1 + L)).intoArray(c, o1 + L);
        a12.add(FloatVector.fromArray(S, c, o1 + 2 * L)).intoArray(c, o1 + 2 * L);
        a13.add(FloatVector.fromArray(S, c, o1 + 3 * L)).intoArray(c, o1 + 3 * L);
    }

    /** As {@code rows2x4} for blocks exactly 8 wide and inside the matrix: the block's columns unrolled. */
    private static void rows2x4w8(BsrMatrix a, int blk0, int blk1, int r0, float[] b, int bOff, int ldb, int j, float[] c, int cRow, int ldc) {
        int area = a.blockHeight() * 8, ldb2 = 2 * ldb, ldb3 = 3 * ldb;
        int[] colIdx = a.blockColIdx();
        float[] v = a.data();
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S), a02 = FloatVector.zero(S), a03 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S), a12 = FloatVector.zero(S), a13 = FloatVector.zero(S);
        for (int blk = blk0, vi = blk0 * area + r0 * 8; blk < blk1; blk++, vi += area) {
            int bi = bOff + colIdx[blk] * 8 * ldb + j;
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + 3 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 8]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                a12 = x1.fma(b2, a12);
                a13 = x1.fma(b3, a13);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + ldb);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + ldb + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + ldb + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + ldb + 3 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 1]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 9]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                a12 = x1.fma(b2, a12);
                a13 = x1.fma(b3, a13);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + ldb2);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + ldb2 + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + ldb2 + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + ldb2 + 3 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 2]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 10]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                a12 = x1.fma(b2, a12);
                a13 = x1.fma(b3, a13);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + ldb3);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + ldb3 + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + ldb3 + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + ldb3 + 3 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 3]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 11]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                a12 = x1.fma(b2, a12);
                a13 = x1.fma(b3, a13);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + 4 * ldb);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + 4 * ldb + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + 4 * ldb + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + 4 * ldb + 3 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 4]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 12]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                a12 = x1.fma(b2, a12);
                a13 = x1.fma(b3, a13);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + 5 * ldb);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + 5 * ldb + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + 5 * ldb + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + 5 * ldb + 3 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 5]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 13]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                a12 = x1.fma(b2, a12);
                a13 = x1.fma(b3, a13);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + 6 * ldb);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + 6 * ldb + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + 6 * ldb + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + 6 * ldb + 3 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 6]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 14]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                a12 = x1.fma(b2, a12);
                a13 = x1.fma(b3, a13);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + 7 * ldb);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + 7 * ldb + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + 7 * ldb + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + 7 * ldb + 3 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 7]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 15]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                a12 = x1.fma(b2, a12);
                a13 = x1.fma(b3, a13);
            }
        }
        int o0 = cRow + j;
        a00.add(FloatVector.fromArray(S, c, o0)).intoArray(c, o0);
        a01.add(FloatVector.fromArray(S, c, o0 + L)).intoArray(c, o0 + L);
        a02.add(FloatVector.fromArray(S, c, o0 + 2 * L)).intoArray(c, o0 + 2 * L);
        a03.add(FloatVector.fromArray(S, c, o0 + 3 * L)).intoArray(c, o0 + 3 * L);
        int o1 = cRow + ldc + j;
        a10.add(FloatVector.fromArray(S, c, o1)).intoArray(c, o1);
        a11.add(FloatVector.fromArray(S, c, o1 + L)).intoArray(c, o1 + L);
        a12.add(FloatVector.fromArray(S, c, o1 + 2 * L)).intoArray(c, o1 + 2 * L);
        a13.add(FloatVector.fromArray(S, c, o1 + 3 * L)).intoArray(c, o1 + 3 * L);
    }

    /** As {@code rows1x8} for blocks exactly 2 wide and inside the matrix: the block's columns unrolled. */
    private static void rows1x8w2(BsrMatrix a, int blk0, int blk1, int r0, float[] b, int bOff, int ldb, int j, float[] c, int cRow, int ldc) {
        int area = a.blockHeight() * 2, ldb2 = 2 * ldb, ldb3 = 3 * ldb;
        int[] colIdx = a.blockColIdx();
        float[] v = a.data();
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S), a02 = FloatVector.zero(S), a03 = FloatVector.zero(S), a04 = FloatVector.zero(S), a05 = FloatVector.zero(S), a06 = FloatVector.zero(S), a07 = FloatVector.zero(S);
        for (int blk = blk0, vi = blk0 * area + r0 * 2; blk < blk1; blk++, vi += area) {
            int bi = bOff + colIdx[blk] * 2 * ldb + j;
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + 3 * L);
                FloatVector b4 = FloatVector.fromArray(S, b, bi + 4 * L);
                FloatVector b5 = FloatVector.fromArray(S, b, bi + 5 * L);
                FloatVector b6 = FloatVector.fromArray(S, b, bi + 6 * L);
                FloatVector b7 = FloatVector.fromArray(S, b, bi + 7 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                a04 = x0.fma(b4, a04);
                a05 = x0.fma(b5, a05);
                a06 = x0.fma(b6, a06);
                a07 = x0.fma(b7, a07);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + ldb);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + ldb + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + ldb + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + ldb + 3 * L);
                FloatVector b4 = FloatVector.fromArray(S, b, bi + ldb + 4 * L);
                FloatVector b5 = FloatVector.fromArray(S, b, bi + ldb + 5 * L);
                FloatVector b6 = FloatVector.fromArray(S, b, bi + ldb + 6 * L);
                FloatVector b7 = FloatVector.fromArray(S, b, bi + ldb + 7 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 1]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                a04 = x0.fma(b4, a04);
                a05 = x0.fma(b5, a05);
                a06 = x0.fma(b6, a06);
                a07 = x0.fma(b7, a07);
            }
        }
        int o0 = cRow + j;
        a00.add(FloatVector.fromArray(S, c, o0)).intoArray(c, o0);
        a01.add(FloatVector.fromArray(S, c, o0 + L)).intoArray(c, o0 + L);
        a02.add(FloatVector.fromArray(S, c, o0 + 2 * L)).intoArray(c, o0 + 2 * L);
        a03.add(FloatVector.fromArray(S, c, o0 + 3 * L)).intoArray(c, o0 + 3 * L);
        a04.add(FloatVector.fromArray(S, c, o0 + 4 * L)).intoArray(c, o0 + 4 * L);
        a05.add(FloatVector.fromArray(S, c, o0 + 5 * L)).intoArray(c, o0 + 5 * L);
        a06.add(FloatVector.fromArray(S, c, o0 + 6 * L)).intoArray(c, o0 + 6 * L);
        a07.add(FloatVector.fromArray(S, c, o0 + 7 * L)).intoArray(c, o0 + 7 * L);
    }

    /** As {@code rows1x8} for blocks exactly 4 wide and inside the matrix: the block's columns unrolled. */
    private static void rows1x8w4(BsrMatrix a, int blk0, int blk1, int r0, float[] b, int bOff, int ldb, int j, float[] c, int cRow, int ldc) {
        int area = a.blockHeight() * 4, ldb2 = 2 * ldb, ldb3 = 3 * ldb;
        int[] colIdx = a.blockColIdx();
        float[] v = a.data();
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S), a02 = FloatVector.zero(S), a03 = FloatVector.zero(S), a04 = FloatVector.zero(S), a05 = FloatVector.zero(S), a06 = FloatVector.zero(S), a07 = FloatVector.zero(S);
        for (int blk = blk0, vi = blk0 * area + r0 * 4; blk < blk1; blk++, vi += area) {
            int bi = bOff + colIdx[blk] * 4 * ldb + j;
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + 3 * L);
                FloatVector b4 = FloatVector.fromArray(S, b, bi + 4 * L);
                FloatVector b5 = FloatVector.fromArray(S, b, bi + 5 * L);
                FloatVector b6 = FloatVector.fromArray(S, b, bi + 6 * L);
                FloatVector b7 = FloatVector.fromArray(S, b, bi + 7 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                a04 = x0.fma(b4, a04);
                a05 = x0.fma(b5, a05);
                a06 = x0.fma(b6, a06);
                a07 = x0.fma(b7, a07);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + ldb);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + ldb + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + ldb + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + ldb + 3 * L);
                FloatVector b4 = FloatVector.fromArray(S, b, bi + ldb + 4 * L);
                FloatVector b5 = FloatVector.fromArray(S, b, bi + ldb + 5 * L);
                FloatVector b6 = FloatVector.fromArray(S, b, bi + ldb + 6 * L);
                FloatVector b7 = FloatVector.fromArray(S, b, bi + ldb + 7 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 1]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                a04 = x0.fma(b4, a04);
                a05 = x0.fma(b5, a05);
                a06 = x0.fma(b6, a06);
                a07 = x0.fma(b7, a07);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + ldb2);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + ldb2 + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + ldb2 + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + ldb2 + 3 * L);
                FloatVector b4 = FloatVector.fromArray(S, b, bi + ldb2 + 4 * L);
                FloatVector b5 = FloatVector.fromArray(S, b, bi + ldb2 + 5 * L);
                FloatVector b6 = FloatVector.fromArray(S, b, bi + ldb2 + 6 * L);
                FloatVector b7 = FloatVector.fromArray(S, b, bi + ldb2 + 7 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 2]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                a04 = x0.fma(b4, a04);
                a05 = x0.fma(b5, a05);
                a06 = x0.fma(b6, a06);
                a07 = x0.fma(b7, a07);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + ldb3);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + ldb3 + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + ldb3 + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + ldb3 + 3 * L);
                FloatVector b4 = FloatVector.fromArray(S, b, bi + ldb3 + 4 * L);
                FloatVector b5 = FloatVector.fromArray(S, b, bi + ldb3 + 5 * L);
                FloatVector b6 = FloatVector.fromArray(S, b, bi + ldb3 + 6 * L);
                FloatVector b7 = FloatVector.fromArray(S, b, bi + ldb3 + 7 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 3]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                a04 = x0.fma(b4, a04);
                a05 = x0.fma(b5, a05);
                a06 = x0.fma(b6, a06);
                a07 = x0.fma(b7, a07);
            }
        }
        int o0 = cRow + j;
        a00.add(FloatVector.fromArray(S, c, o0)).intoArray(c, o0);
        a01.add(FloatVector.fromArray(S, c, o0 + L)).intoArray(c, o0 + L);
        a02.add(FloatVector.fromArray(S, c, o0 + 2 * L)).intoArray(c, o0 + 2 * L);
        a03.add(FloatVector.fromArray(S, c, o0 + 3 * L)).intoArray(c, o0 + 3 * L);
        a04.add(FloatVector.fromArray(S, c, o0 + 4 * L)).intoArray(c, o0 + 4 * L);
        a05.add(FloatVector.fromArray(S, c, o0 + 5 * L)).intoArray(c, o0 + 5 * L);
        a06.add(FloatVector.fromArray(S, c, o0 + 6 * L)).intoArray(c, o0 + 6 * L);
        a07.add(FloatVector.fromArray(S, c, o0 + 7 * L)).intoArray(c, o0 + 7 * L);
    }

    /** As {@code rows1x8} for blocks exactly 8 wide and inside the matrix: the block's columns unrolled. */
    private static void rows1x8w8(BsrMatrix a, int blk0, int blk1, int r0, float[] b, int bOff, int ldb, int j, float[] c, int cRow, int ldc) {
        int area = a.blockHeight() * 8, ldb2 = 2 * ldb, ldb3 = 3 * ldb;
        int[] colIdx = a.blockColIdx();
        float[] v = a.data();
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S), a02 = FloatVector.zero(S), a03 = FloatVector.zero(S), a04 = FloatVector.zero(S), a05 = FloatVector.zero(S), a06 = FloatVector.zero(S), a07 = FloatVector.zero(S);
        for (int blk = blk0, vi = blk0 * area + r0 * 8; blk < blk1; blk++, vi += area) {
            int bi = bOff + colIdx[blk] * 8 * ldb + j;
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + 3 * L);
                FloatVector b4 = FloatVector.fromArray(S, b, bi + 4 * L);
                FloatVector b5 = FloatVector.fromArray(S, b, bi + 5 * L);
                FloatVector b6 = FloatVector.fromArray(S, b, bi + 6 * L);
                FloatVector b7 = FloatVector.fromArray(S, b, bi + 7 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                a04 = x0.fma(b4, a04);
                a05 = x0.fma(b5, a05);
                a06 = x0.fma(b6, a06);
                a07 = x0.fma(b7, a07);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + ldb);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + ldb + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + ldb + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + ldb + 3 * L);
                FloatVector b4 = FloatVector.fromArray(S, b, bi + ldb + 4 * L);
                FloatVector b5 = FloatVector.fromArray(S, b, bi + ldb + 5 * L);
                FloatVector b6 = FloatVector.fromArray(S, b, bi + ldb + 6 * L);
                FloatVector b7 = FloatVector.fromArray(S, b, bi + ldb + 7 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 1]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                a04 = x0.fma(b4, a04);
                a05 = x0.fma(b5, a05);
                a06 = x0.fma(b6, a06);
                a07 = x0.fma(b7, a07);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + ldb2);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + ldb2 + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + ldb2 + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + ldb2 + 3 * L);
                FloatVector b4 = FloatVector.fromArray(S, b, bi + ldb2 + 4 * L);
                FloatVector b5 = FloatVector.fromArray(S, b, bi + ldb2 + 5 * L);
                FloatVector b6 = FloatVector.fromArray(S, b, bi + ldb2 + 6 * L);
                FloatVector b7 = FloatVector.fromArray(S, b, bi + ldb2 + 7 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 2]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                a04 = x0.fma(b4, a04);
                a05 = x0.fma(b5, a05);
                a06 = x0.fma(b6, a06);
                a07 = x0.fma(b7, a07);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + ldb3);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + ldb3 + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + ldb3 + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + ldb3 + 3 * L);
                FloatVector b4 = FloatVector.fromArray(S, b, bi + ldb3 + 4 * L);
                FloatVector b5 = FloatVector.fromArray(S, b, bi + ldb3 + 5 * L);
                FloatVector b6 = FloatVector.fromArray(S, b, bi + ldb3 + 6 * L);
                FloatVector b7 = FloatVector.fromArray(S, b, bi + ldb3 + 7 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 3]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                a04 = x0.fma(b4, a04);
                a05 = x0.fma(b5, a05);
                a06 = x0.fma(b6, a06);
                a07 = x0.fma(b7, a07);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + 4 * ldb);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + 4 * ldb + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + 4 * ldb + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + 4 * ldb + 3 * L);
                FloatVector b4 = FloatVector.fromArray(S, b, bi + 4 * ldb + 4 * L);
                FloatVector b5 = FloatVector.fromArray(S, b, bi + 4 * ldb + 5 * L);
                FloatVector b6 = FloatVector.fromArray(S, b, bi + 4 * ldb + 6 * L);
                FloatVector b7 = FloatVector.fromArray(S, b, bi + 4 * ldb + 7 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 4]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                a04 = x0.fma(b4, a04);
                a05 = x0.fma(b5, a05);
                a06 = x0.fma(b6, a06);
                a07 = x0.fma(b7, a07);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + 5 * ldb);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + 5 * ldb + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + 5 * ldb + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + 5 * ldb + 3 * L);
                FloatVector b4 = FloatVector.fromArray(S, b, bi + 5 * ldb + 4 * L);
                FloatVector b5 = FloatVector.fromArray(S, b, bi + 5 * ldb + 5 * L);
                FloatVector b6 = FloatVector.fromArray(S, b, bi + 5 * ldb + 6 * L);
                FloatVector b7 = FloatVector.fromArray(S, b, bi + 5 * ldb + 7 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 5]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                a04 = x0.fma(b4, a04);
                a05 = x0.fma(b5, a05);
                a06 = x0.fma(b6, a06);
                a07 = x0.fma(b7, a07);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + 6 * ldb);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + 6 * ldb + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + 6 * ldb + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + 6 * ldb + 3 * L);
                FloatVector b4 = FloatVector.fromArray(S, b, bi + 6 * ldb + 4 * L);
                FloatVector b5 = FloatVector.fromArray(S, b, bi + 6 * ldb + 5 * L);
                FloatVector b6 = FloatVector.fromArray(S, b, bi + 6 * ldb + 6 * L);
                FloatVector b7 = FloatVector.fromArray(S, b, bi + 6 * ldb + 7 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 6]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                a04 = x0.fma(b4, a04);
                a05 = x0.fma(b5, a05);
                a06 = x0.fma(b6, a06);
                a07 = x0.fma(b7, a07);
            }
            {
                FloatVector b0 = FloatVector.fromArray(S, b, bi + 7 * ldb);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + 7 * ldb + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + 7 * ldb + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + 7 * ldb + 3 * L);
                FloatVector b4 = FloatVector.fromArray(S, b, bi + 7 * ldb + 4 * L);
                FloatVector b5 = FloatVector.fromArray(S, b, bi + 7 * ldb + 5 * L);
                FloatVector b6 = FloatVector.fromArray(S, b, bi + 7 * ldb + 6 * L);
                FloatVector b7 = FloatVector.fromArray(S, b, bi + 7 * ldb + 7 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi + 7]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                a04 = x0.fma(b4, a04);
                a05 = x0.fma(b5, a05);
                a06 = x0.fma(b6, a06);
                a07 = x0.fma(b7, a07);
            }
        }
        int o0 = cRow + j;
        a00.add(FloatVector.fromArray(S, c, o0)).intoArray(c, o0);
        a01.add(FloatVector.fromArray(S, c, o0 + L)).intoArray(c, o0 + L);
        a02.add(FloatVector.fromArray(S, c, o0 + 2 * L)).intoArray(c, o0 + 2 * L);
        a03.add(FloatVector.fromArray(S, c, o0 + 3 * L)).intoArray(c, o0 + 3 * L);
        a04.add(FloatVector.fromArray(S, c, o0 + 4 * L)).intoArray(c, o0 + 4 * L);
        a05.add(FloatVector.fromArray(S, c, o0 + 5 * L)).intoArray(c, o0 + 5 * L);
        a06.add(FloatVector.fromArray(S, c, o0 + 6 * L)).intoArray(c, o0 + 6 * L);
        a07.add(FloatVector.fromArray(S, c, o0 + 7 * L)).intoArray(c, o0 + 7 * L);
    }
}
