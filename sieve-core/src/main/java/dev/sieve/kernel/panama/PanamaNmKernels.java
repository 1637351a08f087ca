package dev.sieve.kernel.panama;

import dev.sieve.kernel.sparse.NmKernels;
import dev.sieve.kernel.sparse.RowSplit;
import dev.sieve.kernel.sparse.ScalarNmKernels;
import dev.sieve.kernel.sparse.StructuredSpmm;
import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.NmMatrix;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * n:m SpMM vectorised over B's columns. Rows of A share no columns, so there is nothing to reuse
 * between rows: each row keeps a strip of 8 vectors of its output in registers and, for every stored
 * slot, broadcasts the value and multiplies one contiguous strip of the B row the slot names. Full
 * groups need no checks; only the last group of a row can hold padding slots, which are skipped.
 * Leftover strips go one vector at a time, the columns after the last whole vector to the scalar
 * reference. Vector code is flat in one method (no vector crosses a method boundary).
 */
public final class PanamaNmKernels implements NmKernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED.vectorBitSize() > 256 ? FloatVector.SPECIES_256 : FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    @Override
    public void spmm(NmMatrix a, float[] b, int bOff, int ldb, int n, float[] c, int cOff, int ldc, boolean accumulate,
                     ParallelRuntime runtime) {
        StructuredSpmm.check(a, b, bOff, ldb, n, c, cOff, ldc);
        if (n == 0) return;
        long work = (long) a.rows() * a.groupsPerRow() * a.n() * n;
        int vectorCols = n - n % L;
        RowSplit.forRange(a.rows(), work, runtime, (i0, i1) -> {
            for (int i = i0; i < i1; i++) {
                if (vectorCols > 0) row(a, i, b, bOff, ldb, vectorCols, c, cOff + i * ldc, accumulate);
            }
            if (vectorCols < n) ScalarNmKernels.rows(a, i0, i1, vectorCols, n, b, bOff, ldb, c, cOff, ldc, accumulate);
        });
    }

    /** Row i, columns {@code [0, n)} with n a multiple of L. */
    private static void row(NmMatrix a, int i, float[] b, int bOff, int ldb, int n, float[] c, int cRow, boolean accumulate) {
        int nn = a.n(), m = a.m(), groups = a.groupsPerRow(), cols = a.cols();
        float[] v = a.data();
        byte[] pos = a.positions();
        int first = i * groups * nn;
        // slots of whole groups, then the slots of a narrower last group that lie inside the matrix
        int end = first + (cols / m) * nn;
        if (groups * m != cols) {
            while (end < first + groups * nn && (groups - 1) * m + pos[end] < cols) end++;
        }
        int mStride = m * ldb; // from one group's B rows to the next
        int j = 0;
        for (; j + 8 * L <= n; j += 8 * L) {
            FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
            FloatVector a4 = FloatVector.zero(S), a5 = FloatVector.zero(S), a6 = FloatVector.zero(S), a7 = FloatVector.zero(S);
            // One flat loop over the row's slots: a nested per-group loop of n iterations measured
            // 1.5x slower (17 vs 11.3 ms for nm:2:4 on 3072x768, one thread), probably C2's loop
            // setup per group (pre/main/post loops, range-check predicates) for so few iterations.
            for (int k = first, s = 0, colBase = bOff + j; k < end; k++) {
                int bi = colBase + pos[k] * ldb;
                if (++s == nn) {
                    s = 0;
                    colBase += mStride;
                }
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
            for (int k = first, s = 0, colBase = bOff + j; k < end; k++) {
                int bi = colBase + pos[k] * ldb;
                if (++s == nn) {
                    s = 0;
                    colBase += mStride;
                }
                a0 = FloatVector.broadcast(S, v[k]).fma(FloatVector.fromArray(S, b, bi), a0);
            }
            if (accumulate) a0 = a0.add(FloatVector.fromArray(S, c, cRow + j));
            a0.intoArray(c, cRow + j);
        }
    }
}
