package dev.sieve.kernel.panama;

import dev.sieve.kernel.sparse.NmgKernels;
import dev.sieve.kernel.sparse.RowSplit;
import dev.sieve.kernel.sparse.ScalarNmgKernels;
import dev.sieve.kernel.sparse.StructuredSpmm;
import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.NmgMatrix;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * n:m:g SpMM after STen's CPU kernel. For one row block (m output rows) and a strip of B's columns,
 * the kernel keeps one strip of accumulators per tuple position of the patterns (n rows x strip) and
 * walks the unit's slots in pattern order: each slot loads one contiguous strip of the B row its
 * 16-bit index names, once, and feeds it to its n values. When the pattern changes, an accumulator
 * is added into C only if its output row changes; in the revolving-door order neighbouring patterns
 * differ in one tuple position, so that is one row of n per pattern (and the flush of the other rows
 * waits).
 *
 * <p>The tuple positions are taken 4, 2 or 1 at a time (4 x 2, 2 x 4 or 1 x 8 vectors of
 * accumulators, about the 8 that fit the registers with the loads), so n = 3 is 2 + 1 and n = 6 is
 * 4 + 2 (B rows are then loaded once per group). Strips of one vector follow, and the columns after
 * the last whole vector go to the scalar reference. Vector code is flat in each method: no vector
 * crosses a method boundary, so C2 can never box one.
 */
public final class PanamaNmgKernels implements NmgKernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED.vectorBitSize() > 256 ? FloatVector.SPECIES_256 : FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    @Override
    public void spmm(NmgMatrix a, float[] b, int bOff, int ldb, int n, float[] c, int cOff, int ldc, boolean accumulate,
                     ParallelRuntime runtime) {
        StructuredSpmm.check(a, b, bOff, ldb, n, c, cOff, ldc);
        if (n == 0) return;
        int vectorCols = n - n % L;
        RowSplit.forRange(a.blockCount(), ScalarNmgKernels.work(a, n), runtime, (b0, b1) -> {
            if (vectorCols > 0) blocks(a, b0, b1, b, bOff, ldb, vectorCols, c, cOff, ldc, accumulate);
            if (vectorCols < n) ScalarNmgKernels.blocks(a, b0, b1, vectorCols, n, b, bOff, ldb, c, cOff, ldc, accumulate);
        });
    }

    /**
     * Columns {@code [0, n)} (a multiple of L) of row blocks {@code [b0, b1)}. Loop order: strip of
     * columns, then chunk, then row block, so the chunk's W rows of B (one strip wide) stay in L1
     * while every row block of this thread uses them. Row block outermost (C's rows in L1, B's strip
     * from L2) measured slower: 9.8 vs 7.4 ms for nmg:2:8:4 on 3072x768, N=128, one thread.
     */
    private static void blocks(NmgMatrix a, int b0, int b1, float[] b, int bOff, int ldb, int n, float[] c, int cOff, int ldc,
                               boolean accumulate) {
        if (!accumulate) {
            for (int r = b0 * a.m(); r < Math.min(a.rows(), b1 * a.m()); r++) StructuredSpmm.zero(c, cOff + r * ldc, 0, n);
        }
        int nn = a.n(), chunks = a.chunkCount();
        if (nn == 1) {
            NmgMatrix.Kept kept = a.kept();
            // Strips innermost (per pattern): a pattern's kept slots are read from memory once and
            // reused from L1 for every strip, instead of once per strip (see docs/kernels-structured.md).
            int n8 = n - n % (8 * L);
            if (n8 > 0) {
                for (int ch = 0; ch < chunks; ch++) {
                    for (int blk = b0; blk < b1; blk++) kept1x8(a, kept, blk, ch, b, bOff, ldb, n8, c, cOff, ldc);
                }
            }
            for (int j = n8; j < n; j += L) {
                for (int ch = 0; ch < chunks; ch++) {
                    for (int blk = b0; blk < b1; blk++) unit1x1(a, blk, ch, 0, b, bOff, ldb, j, c, cOff, ldc);
                }
            }
            return;
        }
        if (nn == 2) {
            NmgMatrix.Kept kept = a.kept();
            int n4 = n - n % (4 * L);
            if (n4 > 0) {
                for (int ch = 0; ch < chunks; ch++) {
                    for (int blk = b0; blk < b1; blk++) kept2x4(a, kept, blk, ch, b, bOff, ldb, n4, c, cOff, ldc);
                }
            }
            for (int j = n4; j < n; j += L) {
                for (int ch = 0; ch < chunks; ch++) {
                    for (int blk = b0; blk < b1; blk++) unit2x1(a, blk, ch, 0, b, bOff, ldb, j, c, cOff, ldc);
                }
            }
            return;
        }
        for (int t0 = 0; t0 < nn; ) {
            int tt = nn - t0 >= 4 ? 4 : nn - t0 >= 2 ? 2 : 1;
            int wide = tt == 4 ? 2 * L : tt == 2 ? 4 * L : 8 * L;
            int j = 0;
            for (; j + wide <= n; j += wide) {
                for (int ch = 0; ch < chunks; ch++) {
                    for (int blk = b0; blk < b1; blk++) {
                        if (tt == 4) unit4x2(a, blk, ch, t0, b, bOff, ldb, j, c, cOff, ldc);
                        else if (tt == 2) unit2x4(a, blk, ch, t0, b, bOff, ldb, j, c, cOff, ldc);
                        else unit1x8(a, blk, ch, t0, b, bOff, ldb, j, c, cOff, ldc);
                    }
                }
            }
            for (; j < n; j += L) {
                for (int ch = 0; ch < chunks; ch++) {
                    for (int blk = b0; blk < b1; blk++) {
                        if (tt == 4) unit4x1(a, blk, ch, t0, b, bOff, ldb, j, c, cOff, ldc);
                        else if (tt == 2) unit2x1(a, blk, ch, t0, b, bOff, ldb, j, c, cOff, ldc);
                        else unit1x1(a, blk, ch, t0, b, bOff, ldb, j, c, cOff, ldc);
                    }
                }
            }
            t0 += tt;
        }
    }

    /**
     * n = 2: unit (blk, ch), columns {@code [0, n4)} in strips of 4L, the strip loop inside the pattern
     * loop: a pattern's kept slots are read from memory once and reused from L1 by every strip. 2 x 4
     * accumulators, both rows added into C at the end of every pattern (no carrying of the shared row
     * to the next pattern: the carry needs the strip loop outside the patterns, which measured slower,
     * 3.46 vs 2.14 ms for nmg:2:8:16).
     */
    private static void kept2x4(NmgMatrix a, NmgMatrix.Kept kept, int blk, int ch, float[] b, int bOff, int ldb, int n4,
                                float[] c, int cOff, int ldc) {
        int m = a.m(), chunks = a.chunkCount(), patterns = a.patterns().count();
        int rowBase = blk * m, h = Math.min(m, a.rows() - rowBase), c0 = cOff + rowBase * ldc;
        int e0 = (blk * chunks + ch) * patterns;
        byte[] table = a.patterns().table();
        int[] col = kept.columns(), ends = kept.ends();
        float[] v = kept.values();
        for (int p = 0; p < patterns; p++) for (int j = 0; j < n4; j += 4 * L) {
            int cBlock = c0 + j;
            FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S), a02 = FloatVector.zero(S), a03 = FloatVector.zero(S);
            FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S), a12 = FloatVector.zero(S), a13 = FloatVector.zero(S);
            int e = ends[e0 + p + 1];
            for (int k = ends[e0 + p]; k < e; k++) {
                int bi = bOff + col[k] * ldb + j;
                FloatVector b0 = FloatVector.fromArray(S, b, bi);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + 3 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[2 * k]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                FloatVector x1 = FloatVector.broadcast(S, v[2 * k + 1]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                a12 = x1.fma(b2, a12);
                a13 = x1.fma(b3, a13);
            }
            int r0 = table[2 * p], r1 = table[2 * p + 1];
            if (r0 < h) {
                int o = cBlock + r0 * ldc;
                a00.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
                a01.add(FloatVector.fromArray(S, c, o + L)).intoArray(c, o + L);
                a02.add(FloatVector.fromArray(S, c, o + 2 * L)).intoArray(c, o + 2 * L);
                a03.add(FloatVector.fromArray(S, c, o + 3 * L)).intoArray(c, o + 3 * L);
            }
            if (r1 < h) {
                int o = cBlock + r1 * ldc;
                a10.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
                a11.add(FloatVector.fromArray(S, c, o + L)).intoArray(c, o + L);
                a12.add(FloatVector.fromArray(S, c, o + 2 * L)).intoArray(c, o + 2 * L);
                a13.add(FloatVector.fromArray(S, c, o + 3 * L)).intoArray(c, o + 3 * L);
            }
        }
    }

    /**
     * n = 1: unit (blk, ch), columns {@code [0, n8)} in strips of 8L, the strip loop inside the pattern
     * loop. With n = 1 a pattern is one output row and no two rows of a block share a column, so a B
     * load feeds one FMA whatever the blocking; 1 x 8 accumulators per slot amortise the slot's index
     * and value over 8 FMAs (two blocks x 4 vectors, 8 accumulators too, measured slower).
     */
    private static void kept1x8(NmgMatrix a, NmgMatrix.Kept kept, int blk, int ch, float[] b, int bOff, int ldb, int n8,
                                float[] c, int cOff, int ldc) {
        int m = a.m(), chunks = a.chunkCount(), patterns = a.patterns().count();
        int rowBase = blk * m, h = Math.min(m, a.rows() - rowBase), c0 = cOff + rowBase * ldc;
        int e0 = (blk * chunks + ch) * patterns;
        byte[] table = a.patterns().table();
        int[] col = kept.columns(), ends = kept.ends();
        float[] v = kept.values();
        for (int p = 0; p < patterns; p++) for (int j = 0; j < n8; j += 8 * L) {
            FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
            FloatVector a4 = FloatVector.zero(S), a5 = FloatVector.zero(S), a6 = FloatVector.zero(S), a7 = FloatVector.zero(S);
            int e = ends[e0 + p + 1];
            for (int k = ends[e0 + p]; k < e; k++) {
                int bi = bOff + col[k] * ldb + j;
                FloatVector x = FloatVector.broadcast(S, v[k]);
                a0 = x.fma(FloatVector.fromArray(S, b, bi), a0);
                a1 = x.fma(FloatVector.fromArray(S, b, bi + L), a1);
                a2 = x.fma(FloatVector.fromArray(S, b, bi + 2 * L), a2);
                a3 = x.fma(FloatVector.fromArray(S, b, bi + 3 * L), a3);
                a4 = x.fma(FloatVector.fromArray(S, b, bi + 4 * L), a4);
                a5 = x.fma(FloatVector.fromArray(S, b, bi + 5 * L), a5);
                a6 = x.fma(FloatVector.fromArray(S, b, bi + 6 * L), a6);
                a7 = x.fma(FloatVector.fromArray(S, b, bi + 7 * L), a7);
            }
            int r = table[p];
            if (r < h) {
                int o = c0 + j + r * ldc;
                a0.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
                a1.add(FloatVector.fromArray(S, c, o + L)).intoArray(c, o + L);
                a2.add(FloatVector.fromArray(S, c, o + 2 * L)).intoArray(c, o + 2 * L);
                a3.add(FloatVector.fromArray(S, c, o + 3 * L)).intoArray(c, o + 3 * L);
                a4.add(FloatVector.fromArray(S, c, o + 4 * L)).intoArray(c, o + 4 * L);
                a5.add(FloatVector.fromArray(S, c, o + 5 * L)).intoArray(c, o + 5 * L);
                a6.add(FloatVector.fromArray(S, c, o + 6 * L)).intoArray(c, o + 6 * L);
                a7.add(FloatVector.fromArray(S, c, o + 7 * L)).intoArray(c, o + 7 * L);
            }
        }
    }

    /**
     * Unit (blk, ch), tuple positions {@code t0 .. t0+3}, columns {@code [j, j+2L)}: 4 x 2 accumulator
     * vectors, added into C whenever their row changes with the pattern, and at the end of the unit.
     */
    private static void unit4x2(NmgMatrix a, int blk, int ch, int t0, float[] b, int bOff, int ldb, int j, float[] c, int cOff, int ldc) {
        int nn = a.n(), g = a.g(), w = a.chunkWidth(), cols = a.cols();
        int rowBase = blk * a.m(), h = Math.min(a.m(), a.rows() - rowBase), cBlock = cOff + rowBase * ldc + j;
        int colBase = ch * w, first = a.slotBase(blk, ch), end = first + w;
        byte[] table = a.patterns().table();
        short[] idx = a.columns();
        float[] v = a.data();
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S), a21 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S), a31 = FloatVector.zero(S);
        int r0 = table[t0 + 0]; int r1 = table[t0 + 1]; int r2 = table[t0 + 2]; int r3 = table[t0 + 3];
        // One flat loop over the slots; the pattern change is a branch, not a nested loop of g
        // (short nested loops measured much slower in the n:m kernel, see PanamaNmKernels).
        for (int slot = first, patternEnd = first + g, next = nn; slot < end; slot++) {
            int col = colBase + idx[slot];
            if (col < cols) { // else a padding column: no row of B
                int bi = bOff + col * ldb + j;
                int vi = slot * nn + t0;
                FloatVector b0 = FloatVector.fromArray(S, b, bi);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 1]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                FloatVector x2 = FloatVector.broadcast(S, v[vi + 2]);
                a20 = x2.fma(b0, a20);
                a21 = x2.fma(b1, a21);
                FloatVector x3 = FloatVector.broadcast(S, v[vi + 3]);
                a30 = x3.fma(b0, a30);
                a31 = x3.fma(b1, a31);
            }
            if (slot + 1 == patternEnd) {
                // Flush only the rows the next pattern does not share (neighbours differ in one).
                boolean last = slot + 1 == end;
                int n0 = last ? -1 : table[next + t0 + 0];
                if (n0 != r0) {
                    if (r0 < h) {
                        int o = cBlock + r0 * ldc;
                        a00.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
                        a01.add(FloatVector.fromArray(S, c, o + L)).intoArray(c, o + L);
                    }
                    a00 = FloatVector.zero(S);
                    a01 = FloatVector.zero(S);
                    r0 = n0;
                }
                int n1 = last ? -1 : table[next + t0 + 1];
                if (n1 != r1) {
                    if (r1 < h) {
                        int o = cBlock + r1 * ldc;
                        a10.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
                        a11.add(FloatVector.fromArray(S, c, o + L)).intoArray(c, o + L);
                    }
                    a10 = FloatVector.zero(S);
                    a11 = FloatVector.zero(S);
                    r1 = n1;
                }
                int n2 = last ? -1 : table[next + t0 + 2];
                if (n2 != r2) {
                    if (r2 < h) {
                        int o = cBlock + r2 * ldc;
                        a20.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
                        a21.add(FloatVector.fromArray(S, c, o + L)).intoArray(c, o + L);
                    }
                    a20 = FloatVector.zero(S);
                    a21 = FloatVector.zero(S);
                    r2 = n2;
                }
                int n3 = last ? -1 : table[next + t0 + 3];
                if (n3 != r3) {
                    if (r3 < h) {
                        int o = cBlock + r3 * ldc;
                        a30.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
                        a31.add(FloatVector.fromArray(S, c, o + L)).intoArray(c, o + L);
                    }
                    a30 = FloatVector.zero(S);
                    a31 = FloatVector.zero(S);
                    r3 = n3;
                }
                patternEnd += g;
                next += nn;
            }
        }
    }

    /**
     * Unit (blk, ch), tuple positions {@code t0 .. t0+3}, columns {@code [j, j+1L)}: 4 x 1 accumulator
     * vectors, added into C whenever their row changes with the pattern, and at the end of the unit.
     */
    private static void unit4x1(NmgMatrix a, int blk, int ch, int t0, float[] b, int bOff, int ldb, int j, float[] c, int cOff, int ldc) {
        int nn = a.n(), g = a.g(), w = a.chunkWidth(), cols = a.cols();
        int rowBase = blk * a.m(), h = Math.min(a.m(), a.rows() - rowBase), cBlock = cOff + rowBase * ldc + j;
        int colBase = ch * w, first = a.slotBase(blk, ch), end = first + w;
        byte[] table = a.patterns().table();
        short[] idx = a.columns();
        float[] v = a.data();
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        int r0 = table[t0 + 0]; int r1 = table[t0 + 1]; int r2 = table[t0 + 2]; int r3 = table[t0 + 3];
        // One flat loop over the slots; the pattern change is a branch, not a nested loop of g
        // (short nested loops measured much slower in the n:m kernel, see PanamaNmKernels).
        for (int slot = first, patternEnd = first + g, next = nn; slot < end; slot++) {
            int col = colBase + idx[slot];
            if (col < cols) { // else a padding column: no row of B
                int bi = bOff + col * ldb + j;
                int vi = slot * nn + t0;
                FloatVector b0 = FloatVector.fromArray(S, b, bi);
                FloatVector x0 = FloatVector.broadcast(S, v[vi]);
                a00 = x0.fma(b0, a00);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 1]);
                a10 = x1.fma(b0, a10);
                FloatVector x2 = FloatVector.broadcast(S, v[vi + 2]);
                a20 = x2.fma(b0, a20);
                FloatVector x3 = FloatVector.broadcast(S, v[vi + 3]);
                a30 = x3.fma(b0, a30);
            }
            if (slot + 1 == patternEnd) {
                // Flush only the rows the next pattern does not share (neighbours differ in one).
                boolean last = slot + 1 == end;
                int n0 = last ? -1 : table[next + t0 + 0];
                if (n0 != r0) {
                    if (r0 < h) {
                        int o = cBlock + r0 * ldc;
                        a00.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
                    }
                    a00 = FloatVector.zero(S);
                    r0 = n0;
                }
                int n1 = last ? -1 : table[next + t0 + 1];
                if (n1 != r1) {
                    if (r1 < h) {
                        int o = cBlock + r1 * ldc;
                        a10.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
                    }
                    a10 = FloatVector.zero(S);
                    r1 = n1;
                }
                int n2 = last ? -1 : table[next + t0 + 2];
                if (n2 != r2) {
                    if (r2 < h) {
                        int o = cBlock + r2 * ldc;
                        a20.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
                    }
                    a20 = FloatVector.zero(S);
                    r2 = n2;
                }
                int n3 = last ? -1 : table[next + t0 + 3];
                if (n3 != r3) {
                    if (r3 < h) {
                        int o = cBlock + r3 * ldc;
                        a30.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
                    }
                    a30 = FloatVector.zero(S);
                    r3 = n3;
                }
                patternEnd += g;
                next += nn;
            }
        }
    }

    /**
     * Unit (blk, ch), tuple positions {@code t0 .. t0+1}, columns {@code [j, j+4L)}: 2 x 4 accumulator
     * vectors, added into C whenever their row changes with the pattern, and at the end of the unit.
     */
    private static void unit2x4(NmgMatrix a, int blk, int ch, int t0, float[] b, int bOff, int ldb, int j, float[] c, int cOff, int ldc) {
        int nn = a.n(), g = a.g(), w = a.chunkWidth(), cols = a.cols();
        int rowBase = blk * a.m(), h = Math.min(a.m(), a.rows() - rowBase), cBlock = cOff + rowBase * ldc + j;
        int colBase = ch * w, first = a.slotBase(blk, ch), end = first + w;
        byte[] table = a.patterns().table();
        short[] idx = a.columns();
        float[] v = a.data();
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S), a02 = FloatVector.zero(S), a03 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S), a12 = FloatVector.zero(S), a13 = FloatVector.zero(S);
        int r0 = table[t0 + 0]; int r1 = table[t0 + 1];
        // One flat loop over the slots; the pattern change is a branch, not a nested loop of g
        // (short nested loops measured much slower in the n:m kernel, see PanamaNmKernels).
        for (int slot = first, patternEnd = first + g, next = nn; slot < end; slot++) {
            int col = colBase + idx[slot];
            if (col < cols) { // else a padding column: no row of B
                int bi = bOff + col * ldb + j;
                int vi = slot * nn + t0;
                FloatVector b0 = FloatVector.fromArray(S, b, bi);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + 3 * L);
                FloatVector x0 = FloatVector.broadcast(S, v[vi]);
                a00 = x0.fma(b0, a00);
                a01 = x0.fma(b1, a01);
                a02 = x0.fma(b2, a02);
                a03 = x0.fma(b3, a03);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 1]);
                a10 = x1.fma(b0, a10);
                a11 = x1.fma(b1, a11);
                a12 = x1.fma(b2, a12);
                a13 = x1.fma(b3, a13);
            }
            if (slot + 1 == patternEnd) {
                // Flush only the rows the next pattern does not share (neighbours differ in one).
                boolean last = slot + 1 == end;
                int n0 = last ? -1 : table[next + t0 + 0];
                if (n0 != r0) {
                    if (r0 < h) {
                        int o = cBlock + r0 * ldc;
                        a00.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
                        a01.add(FloatVector.fromArray(S, c, o + L)).intoArray(c, o + L);
                        a02.add(FloatVector.fromArray(S, c, o + 2 * L)).intoArray(c, o + 2 * L);
                        a03.add(FloatVector.fromArray(S, c, o + 3 * L)).intoArray(c, o + 3 * L);
                    }
                    a00 = FloatVector.zero(S);
                    a01 = FloatVector.zero(S);
                    a02 = FloatVector.zero(S);
                    a03 = FloatVector.zero(S);
                    r0 = n0;
                }
                int n1 = last ? -1 : table[next + t0 + 1];
                if (n1 != r1) {
                    if (r1 < h) {
                        int o = cBlock + r1 * ldc;
                        a10.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
                        a11.add(FloatVector.fromArray(S, c, o + L)).intoArray(c, o + L);
                        a12.add(FloatVector.fromArray(S, c, o + 2 * L)).intoArray(c, o + 2 * L);
                        a13.add(FloatVector.fromArray(S, c, o + 3 * L)).intoArray(c, o + 3 * L);
                    }
                    a10 = FloatVector.zero(S);
                    a11 = FloatVector.zero(S);
                    a12 = FloatVector.zero(S);
                    a13 = FloatVector.zero(S);
                    r1 = n1;
                }
                patternEnd += g;
                next += nn;
            }
        }
    }

    /**
     * Unit (blk, ch), tuple positions {@code t0 .. t0+1}, columns {@code [j, j+1L)}: 2 x 1 accumulator
     * vectors, added into C whenever their row changes with the pattern, and at the end of the unit.
     */
    private static void unit2x1(NmgMatrix a, int blk, int ch, int t0, float[] b, int bOff, int ldb, int j, float[] c, int cOff, int ldc) {
        int nn = a.n(), g = a.g(), w = a.chunkWidth(), cols = a.cols();
        int rowBase = blk * a.m(), h = Math.min(a.m(), a.rows() - rowBase), cBlock = cOff + rowBase * ldc + j;
        int colBase = ch * w, first = a.slotBase(blk, ch), end = first + w;
        byte[] table = a.patterns().table();
        short[] idx = a.columns();
        float[] v = a.data();
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        int r0 = table[t0 + 0]; int r1 = table[t0 + 1];
        // One flat loop over the slots; the pattern change is a branch, not a nested loop of g
        // (short nested loops measured much slower in the n:m kernel, see PanamaNmKernels).
        for (int slot = first, patternEnd = first + g, next = nn; slot < end; slot++) {
            int col = colBase + idx[slot];
            if (col < cols) { // else a padding column: no row of B
                int bi = bOff + col * ldb + j;
                int vi = slot * nn + t0;
                FloatVector b0 = FloatVector.fromArray(S, b, bi);
                FloatVector x0 = FloatVector.broadcast(S, v[vi]);
                a00 = x0.fma(b0, a00);
                FloatVector x1 = FloatVector.broadcast(S, v[vi + 1]);
                a10 = x1.fma(b0, a10);
            }
            if (slot + 1 == patternEnd) {
                // Flush only the rows the next pattern does not share (neighbours differ in one).
                boolean last = slot + 1 == end;
                int n0 = last ? -1 : table[next + t0 + 0];
                if (n0 != r0) {
                    if (r0 < h) {
                        int o = cBlock + r0 * ldc;
                        a00.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
                    }
                    a00 = FloatVector.zero(S);
                    r0 = n0;
                }
                int n1 = last ? -1 : table[next + t0 + 1];
                if (n1 != r1) {
                    if (r1 < h) {
                        int o = cBlock + r1 * ldc;
                        a10.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
                    }
                    a10 = FloatVector.zero(S);
                    r1 = n1;
                }
                patternEnd += g;
                next += nn;
            }
        }
    }

    /**
     * Unit (blk, ch), tuple positions {@code t0 .. t0+0}, columns {@code [j, j+8L)}: 1 x 8 accumulator
     * vectors, added into C whenever their row changes with the pattern, and at the end of the unit.
     */
    private static void unit1x8(NmgMatrix a, int blk, int ch, int t0, float[] b, int bOff, int ldb, int j, float[] c, int cOff, int ldc) {
        int nn = a.n(), g = a.g(), w = a.chunkWidth(), cols = a.cols();
        int rowBase = blk * a.m(), h = Math.min(a.m(), a.rows() - rowBase), cBlock = cOff + rowBase * ldc + j;
        int colBase = ch * w, first = a.slotBase(blk, ch), end = first + w;
        byte[] table = a.patterns().table();
        short[] idx = a.columns();
        float[] v = a.data();
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S), a02 = FloatVector.zero(S), a03 = FloatVector.zero(S), a04 = FloatVector.zero(S), a05 = FloatVector.zero(S), a06 = FloatVector.zero(S), a07 = FloatVector.zero(S);
        int r0 = table[t0 + 0];
        // One flat loop over the slots; the pattern change is a branch, not a nested loop of g
        // (short nested loops measured much slower in the n:m kernel, see PanamaNmKernels).
        for (int slot = first, patternEnd = first + g, next = nn; slot < end; slot++) {
            int col = colBase + idx[slot];
            if (col < cols) { // else a padding column: no row of B
                int bi = bOff + col * ldb + j;
                int vi = slot * nn + t0;
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
            if (slot + 1 == patternEnd) {
                // Flush only the rows the next pattern does not share (neighbours differ in one).
                boolean last = slot + 1 == end;
                int n0 = last ? -1 : table[next + t0 + 0];
                if (n0 != r0) {
                    if (r0 < h) {
                        int o = cBlock + r0 * ldc;
                        a00.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
                        a01.add(FloatVector.fromArray(S, c, o + L)).intoArray(c, o + L);
                        a02.add(FloatVector.fromArray(S, c, o + 2 * L)).intoArray(c, o + 2 * L);
                        a03.add(FloatVector.fromArray(S, c, o + 3 * L)).intoArray(c, o + 3 * L);
                        a04.add(FloatVector.fromArray(S, c, o + 4 * L)).intoArray(c, o + 4 * L);
                        a05.add(FloatVector.fromArray(S, c, o + 5 * L)).intoArray(c, o + 5 * L);
                        a06.add(FloatVector.fromArray(S, c, o + 6 * L)).intoArray(c, o + 6 * L);
                        a07.add(FloatVector.fromArray(S, c, o + 7 * L)).intoArray(c, o + 7 * L);
                    }
                    a00 = FloatVector.zero(S);
                    a01 = FloatVector.zero(S);
                    a02 = FloatVector.zero(S);
                    a03 = FloatVector.zero(S);
                    a04 = FloatVector.zero(S);
                    a05 = FloatVector.zero(S);
                    a06 = FloatVector.zero(S);
                    a07 = FloatVector.zero(S);
                    r0 = n0;
                }
                patternEnd += g;
                next += nn;
            }
        }
    }

    /**
     * Unit (blk, ch), tuple positions {@code t0 .. t0+0}, columns {@code [j, j+1L)}: 1 x 1 accumulator
     * vectors, added into C whenever their row changes with the pattern, and at the end of the unit.
     */
    private static void unit1x1(NmgMatrix a, int blk, int ch, int t0, float[] b, int bOff, int ldb, int j, float[] c, int cOff, int ldc) {
        int nn = a.n(), g = a.g(), w = a.chunkWidth(), cols = a.cols();
        int rowBase = blk * a.m(), h = Math.min(a.m(), a.rows() - rowBase), cBlock = cOff + rowBase * ldc + j;
        int colBase = ch * w, first = a.slotBase(blk, ch), end = first + w;
        byte[] table = a.patterns().table();
        short[] idx = a.columns();
        float[] v = a.data();
        FloatVector a00 = FloatVector.zero(S);
        int r0 = table[t0 + 0];
        // One flat loop over the slots; the pattern change is a branch, not a nested loop of g
        // (short nested loops measured much slower in the n:m kernel, see PanamaNmKernels).
        for (int slot = first, patternEnd = first + g, next = nn; slot < end; slot++) {
            int col = colBase + idx[slot];
            if (col < cols) { // else a padding column: no row of B
                int bi = bOff + col * ldb + j;
                int vi = slot * nn + t0;
                FloatVector b0 = FloatVector.fromArray(S, b, bi);
                FloatVector x0 = FloatVector.broadcast(S, v[vi]);
                a00 = x0.fma(b0, a00);
            }
            if (slot + 1 == patternEnd) {
                // Flush only the rows the next pattern does not share (neighbours differ in one).
                boolean last = slot + 1 == end;
                int n0 = last ? -1 : table[next + t0 + 0];
                if (n0 != r0) {
                    if (r0 < h) {
                        int o = cBlock + r0 * ldc;
                        a00.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
                    }
                    a00 = FloatVector.zero(S);
                    r0 = n0;
                }
                patternEnd += g;
                next += nn;
            }
        }
    }

}
