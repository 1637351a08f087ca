package dev.sieve.kernel.panama;

import static dev.sieve.kernel.panama.VectorReductions.L;
import static dev.sieve.kernel.panama.VectorReductions.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * The CSR SpMM row kernel: for one row of A, C[i, j..] = sum over the row's entries of
 * a_ik · B[k, j..], one strip of columns at a time.
 *
 * <p>A strip of 8 vectors (64 floats on AVX2) keeps 8 accumulators in registers while the row's
 * entries stream by: each entry is one broadcast and 8 FMAs with a contiguous piece of a B row, and
 * each accumulator is written once. 8 independent FMA chains are what two FMA pipes of latency 4
 * need; more would spill (16 vector registers on AVX2). Narrower strips (4, 1 vectors, then a masked
 * one) finish columns that do not fill a wide strip. Every output element is a single FMA chain over
 * the row's entries in storage order, which is exactly the scalar reference's order: results match it
 * bit for bit.
 *
 * <p>Measured alternatives (see docs/kernels-unstructured.md): blocking K so a B block stays in L1
 * lost 1.2-1.7x to the extra C traffic and short, unpredictable inner loops; unrolling entries by 2
 * lost 1.3x; a 4-vector strip, or two rows of 4 vectors, were slower too.
 *
 * <p>No vector crosses a method boundary (see {@link VectorFunctions} for why): each strip method
 * takes arrays and ints only and holds its vectors in locals.
 */
final class CsrSpmmRows {
    private CsrSpmmRows() {}

    /** Rows [r0, r1) of C = A·B + beta·C from CSR-ordered arrays. */
    static void rows(int[] rp, int[] ci, float[] v, int r0, int r1, float[] b, int bOff, int ldb, int n, float beta,
                     float[] c, int cOff, int ldc) {
        for (int i = r0; i < r1; i++) row(ci, v, rp[i], rp[i + 1], b, bOff, ldb, n, beta, c, cOff + i * ldc);
    }

    /** One row whose entries are [p, e) of ci and v, written to C at co. */
    static void row(int[] ci, float[] v, int p, int e, float[] b, int bOff, int ldb, int n, float beta, float[] c, int co) {
        row(ci, v, p, e, b, bOff, ldb, 0, n, beta, c, co);
    }

    /** Columns [j0, n) of one row. */
    static void row(int[] ci, float[] v, int p, int e, float[] b, int bOff, int ldb, int j0, int n, float beta, float[] c,
                    int co) {
        int j = j0;
        for (; j + 8 * L <= n; j += 8 * L) strip8(ci, v, p, e, b, bOff, ldb, j, beta, c, co + j);
        if (j + 4 * L <= n) {
            strip4(ci, v, p, e, b, bOff, ldb, j, beta, c, co + j);
            j += 4 * L;
        }
        for (; j + L <= n; j += L) strip1(ci, v, p, e, b, bOff, ldb, j, beta, c, co + j);
        if (j < n) stripMasked(ci, v, p, e, b, bOff, ldb, j, n, beta, c, co + j);
    }

    /** Floats per wide strip: 8 vectors. */
    static final int WIDE = 8 * L;

    /**
     * One row's entries [p, e) with columns below {@code kEnd}, against a packed B strip
     * ({@code pk[base + k * WIDE ..]} is row k's piece of the strip), for output columns at co.
     * {@code first}: this is the row's first K block, so the accumulators start from beta·C (or 0);
     * otherwise from C, which holds the earlier blocks' partial sums. Returns the first entry not
     * consumed (the next block's start). The FMA chain per element is the same as in one pass.
     */
    static int packedBlock(int[] ci, float[] v, int p, int e, int kEnd, float[] pk, int base, boolean first, float beta,
                           float[] c, int co) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector a0 = zero, a1 = zero, a2 = zero, a3 = zero, a4 = zero, a5 = zero, a6 = zero, a7 = zero;
        if (!first) {
            a0 = FloatVector.fromArray(S, c, co);
            a1 = FloatVector.fromArray(S, c, co + 1 * L);
            a2 = FloatVector.fromArray(S, c, co + 2 * L);
            a3 = FloatVector.fromArray(S, c, co + 3 * L);
            a4 = FloatVector.fromArray(S, c, co + 4 * L);
            a5 = FloatVector.fromArray(S, c, co + 5 * L);
            a6 = FloatVector.fromArray(S, c, co + 6 * L);
            a7 = FloatVector.fromArray(S, c, co + 7 * L);
        } else if (beta != 0f) {
            a0 = FloatVector.fromArray(S, c, co).mul(beta);
            a1 = FloatVector.fromArray(S, c, co + 1 * L).mul(beta);
            a2 = FloatVector.fromArray(S, c, co + 2 * L).mul(beta);
            a3 = FloatVector.fromArray(S, c, co + 3 * L).mul(beta);
            a4 = FloatVector.fromArray(S, c, co + 4 * L).mul(beta);
            a5 = FloatVector.fromArray(S, c, co + 5 * L).mul(beta);
            a6 = FloatVector.fromArray(S, c, co + 6 * L).mul(beta);
            a7 = FloatVector.fromArray(S, c, co + 7 * L).mul(beta);
        }
        for (; p < e && ci[p] < kEnd; p++) {
            FloatVector a = FloatVector.broadcast(S, v[p]);
            int bo = base + ci[p] * WIDE;
            a0 = a.fma(FloatVector.fromArray(S, pk, bo), a0);
            a1 = a.fma(FloatVector.fromArray(S, pk, bo + 1 * L), a1);
            a2 = a.fma(FloatVector.fromArray(S, pk, bo + 2 * L), a2);
            a3 = a.fma(FloatVector.fromArray(S, pk, bo + 3 * L), a3);
            a4 = a.fma(FloatVector.fromArray(S, pk, bo + 4 * L), a4);
            a5 = a.fma(FloatVector.fromArray(S, pk, bo + 5 * L), a5);
            a6 = a.fma(FloatVector.fromArray(S, pk, bo + 6 * L), a6);
            a7 = a.fma(FloatVector.fromArray(S, pk, bo + 7 * L), a7);
        }
        a0.intoArray(c, co);
        a1.intoArray(c, co + 1 * L);
        a2.intoArray(c, co + 2 * L);
        a3.intoArray(c, co + 3 * L);
        a4.intoArray(c, co + 4 * L);
        a5.intoArray(c, co + 5 * L);
        a6.intoArray(c, co + 6 * L);
        a7.intoArray(c, co + 7 * L);
        return p;
    }

    /** Columns [j, j + 8L) of one row: 8 accumulators held in registers across the row's entries. */
    static void strip8(int[] ci, float[] v, int p, int e, float[] b, int bOff, int ldb, int j, float beta, float[] c, int co) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector a0 = zero, a1 = zero, a2 = zero, a3 = zero, a4 = zero, a5 = zero, a6 = zero, a7 = zero;
        if (beta != 0f) {
            a0 = FloatVector.fromArray(S, c, co).mul(beta);
            a1 = FloatVector.fromArray(S, c, co + 1 * L).mul(beta);
            a2 = FloatVector.fromArray(S, c, co + 2 * L).mul(beta);
            a3 = FloatVector.fromArray(S, c, co + 3 * L).mul(beta);
            a4 = FloatVector.fromArray(S, c, co + 4 * L).mul(beta);
            a5 = FloatVector.fromArray(S, c, co + 5 * L).mul(beta);
            a6 = FloatVector.fromArray(S, c, co + 6 * L).mul(beta);
            a7 = FloatVector.fromArray(S, c, co + 7 * L).mul(beta);
        }
        for (; p < e; p++) {
            FloatVector a = FloatVector.broadcast(S, v[p]);
            int bo = bOff + ci[p] * ldb + j;
            a0 = a.fma(FloatVector.fromArray(S, b, bo), a0);
            a1 = a.fma(FloatVector.fromArray(S, b, bo + 1 * L), a1);
            a2 = a.fma(FloatVector.fromArray(S, b, bo + 2 * L), a2);
            a3 = a.fma(FloatVector.fromArray(S, b, bo + 3 * L), a3);
            a4 = a.fma(FloatVector.fromArray(S, b, bo + 4 * L), a4);
            a5 = a.fma(FloatVector.fromArray(S, b, bo + 5 * L), a5);
            a6 = a.fma(FloatVector.fromArray(S, b, bo + 6 * L), a6);
            a7 = a.fma(FloatVector.fromArray(S, b, bo + 7 * L), a7);
        }
        a0.intoArray(c, co);
        a1.intoArray(c, co + 1 * L);
        a2.intoArray(c, co + 2 * L);
        a3.intoArray(c, co + 3 * L);
        a4.intoArray(c, co + 4 * L);
        a5.intoArray(c, co + 5 * L);
        a6.intoArray(c, co + 6 * L);
        a7.intoArray(c, co + 7 * L);
    }

    /** Columns [j, j + 4L) of one row: 4 accumulators held in registers across the row's entries. */
    static void strip4(int[] ci, float[] v, int p, int e, float[] b, int bOff, int ldb, int j, float beta, float[] c, int co) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector a0 = zero, a1 = zero, a2 = zero, a3 = zero;
        if (beta != 0f) {
            a0 = FloatVector.fromArray(S, c, co).mul(beta);
            a1 = FloatVector.fromArray(S, c, co + 1 * L).mul(beta);
            a2 = FloatVector.fromArray(S, c, co + 2 * L).mul(beta);
            a3 = FloatVector.fromArray(S, c, co + 3 * L).mul(beta);
        }
        for (; p < e; p++) {
            FloatVector a = FloatVector.broadcast(S, v[p]);
            int bo = bOff + ci[p] * ldb + j;
            a0 = a.fma(FloatVector.fromArray(S, b, bo), a0);
            a1 = a.fma(FloatVector.fromArray(S, b, bo + 1 * L), a1);
            a2 = a.fma(FloatVector.fromArray(S, b, bo + 2 * L), a2);
            a3 = a.fma(FloatVector.fromArray(S, b, bo + 3 * L), a3);
        }
        a0.intoArray(c, co);
        a1.intoArray(c, co + 1 * L);
        a2.intoArray(c, co + 2 * L);
        a3.intoArray(c, co + 3 * L);
    }

    /** Columns [j, j + 1L) of one row: 1 accumulators held in registers across the row's entries. */
    static void strip1(int[] ci, float[] v, int p, int e, float[] b, int bOff, int ldb, int j, float beta, float[] c, int co) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector a0 = zero;
        if (beta != 0f) {
            a0 = FloatVector.fromArray(S, c, co).mul(beta);
        }
        for (; p < e; p++) {
            FloatVector a = FloatVector.broadcast(S, v[p]);
            int bo = bOff + ci[p] * ldb + j;
            a0 = a.fma(FloatVector.fromArray(S, b, bo), a0);
        }
        a0.intoArray(c, co);
    }

    /** The last n - j < L columns, with masked loads and stores. */
    static void stripMasked(int[] ci, float[] v, int p, int e, float[] b, int bOff, int ldb, int j, int n, float beta,
                            float[] c, int co) {
        VectorMask<Float> m = S.indexInRange(j, n);
        FloatVector a0 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, c, co, m).mul(beta);
        for (; p < e; p++) {
            a0 = FloatVector.broadcast(S, v[p]).fma(FloatVector.fromArray(S, b, bOff + ci[p] * ldb + j, m), a0);
        }
        a0.intoArray(c, co, m);
    }
}
