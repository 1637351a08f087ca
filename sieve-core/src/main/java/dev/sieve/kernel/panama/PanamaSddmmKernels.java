package dev.sieve.kernel.panama;

import static dev.sieve.kernel.panama.VectorReductions.L;
import static dev.sieve.kernel.panama.VectorReductions.ROTATE;
import static dev.sieve.kernel.panama.VectorReductions.S;

import dev.sieve.kernel.sparse.RowSplit;
import dev.sieve.kernel.sparse.SddmmKernels;
import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.CsrMatrix;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Vector API implementation of {@link SddmmKernels}. Four entries of a row are done together: the
 * D1 row is loaded once per step and shared by four dot products, each with two partial sums (8
 * independent FMA chains, what two FMA pipes of latency 4 need). Each dot's order: two partial sums
 * over steps of 2L, a single-vector step and a masked tail into the first, then the fixed
 * rotate-and-add tree. It depends only on k, and a lone entry (the row's last few) is summed in
 * exactly the same order as one of four.
 */
public final class PanamaSddmmKernels implements SddmmKernels {

    @Override
    public void sddmm(CsrMatrix pattern, boolean scaleByValues, float alpha, float[] d1, int d1Off, int ld1, float[] d2,
                      int d2Off, int ld2, int k, float[] out, int outOff, ParallelRuntime runtime) {
        SddmmKernels.check(pattern, d1, d1Off, ld1, d2, d2Off, ld2, k, out, outOff);
        int[] rp = pattern.rowPtr(), ci = pattern.colIdx();
        float[] s = pattern.data();
        RowSplit.byWeight(runtime, pattern.rows(), rp, (r0, r1) -> {
            for (int i = r0; i < r1; i++) {
                int x = d1Off + i * ld1;
                int p = rp[i], e = rp[i + 1];
                for (; p + 4 <= e; p += 4) quad(d1, x, d2, d2Off, ld2, ci, p, k, s, scaleByValues, alpha, out, outOff);
                for (; p < e; p++) single(d1, x, d2, d2Off + ci[p] * ld2, k, s, p, scaleByValues, alpha, out, outOff);
            }
        });
    }

    /** Entries p..p+3 of one row, whose D1 row starts at x. */
    private static void quad(float[] d1, int x, float[] d2, int d2Off, int ld2, int[] ci, int p, int k, float[] s,
                             boolean scale, float alpha, float[] out, int outOff) {
        int y0 = d2Off + ci[p] * ld2, y1 = d2Off + ci[p + 1] * ld2, y2 = d2Off + ci[p + 2] * ld2, y3 = d2Off + ci[p + 3] * ld2;
        FloatVector zero = FloatVector.zero(S);
        FloatVector x00 = zero, x01 = zero, x10 = zero, x11 = zero, x20 = zero, x21 = zero, x30 = zero, x31 = zero;
        int t = 0;
        for (; t + 2 * L <= k; t += 2 * L) {
            FloatVector u0 = FloatVector.fromArray(S, d1, x + t);
            FloatVector u1 = FloatVector.fromArray(S, d1, x + t + L);
            x00 = u0.fma(FloatVector.fromArray(S, d2, y0 + t), x00);
            x01 = u1.fma(FloatVector.fromArray(S, d2, y0 + t + L), x01);
            x10 = u0.fma(FloatVector.fromArray(S, d2, y1 + t), x10);
            x11 = u1.fma(FloatVector.fromArray(S, d2, y1 + t + L), x11);
            x20 = u0.fma(FloatVector.fromArray(S, d2, y2 + t), x20);
            x21 = u1.fma(FloatVector.fromArray(S, d2, y2 + t + L), x21);
            x30 = u0.fma(FloatVector.fromArray(S, d2, y3 + t), x30);
            x31 = u1.fma(FloatVector.fromArray(S, d2, y3 + t + L), x31);
        }
        if (t + L <= k) {
            FloatVector u0 = FloatVector.fromArray(S, d1, x + t);
            x00 = u0.fma(FloatVector.fromArray(S, d2, y0 + t), x00);
            x10 = u0.fma(FloatVector.fromArray(S, d2, y1 + t), x10);
            x20 = u0.fma(FloatVector.fromArray(S, d2, y2 + t), x20);
            x30 = u0.fma(FloatVector.fromArray(S, d2, y3 + t), x30);
            t += L;
        }
        if (t < k) {
            VectorMask<Float> m = S.indexInRange(t, k);
            FloatVector u0 = FloatVector.fromArray(S, d1, x + t, m);
            x00 = u0.fma(FloatVector.fromArray(S, d2, y0 + t, m), x00);
            x10 = u0.fma(FloatVector.fromArray(S, d2, y1 + t, m), x10);
            x20 = u0.fma(FloatVector.fromArray(S, d2, y2 + t, m), x20);
            x30 = u0.fma(FloatVector.fromArray(S, d2, y3 + t, m), x30);
        }
        FloatVector r0 = x00.add(x01);
        for (int q = ROTATE.length - 1; q >= 0; q--) r0 = r0.add(r0.rearrange(ROTATE[q]));
        FloatVector r1 = x10.add(x11);
        for (int q = ROTATE.length - 1; q >= 0; q--) r1 = r1.add(r1.rearrange(ROTATE[q]));
        FloatVector r2 = x20.add(x21);
        for (int q = ROTATE.length - 1; q >= 0; q--) r2 = r2.add(r2.rearrange(ROTATE[q]));
        FloatVector r3 = x30.add(x31);
        for (int q = ROTATE.length - 1; q >= 0; q--) r3 = r3.add(r3.rearrange(ROTATE[q]));
        float v0 = r0.lane(0), v1 = r1.lane(0), v2 = r2.lane(0), v3 = r3.lane(0);
        if (scale) {
            v0 *= s[p];
            v1 *= s[p + 1];
            v2 *= s[p + 2];
            v3 *= s[p + 3];
        }
        out[outOff + p] = alpha * v0;
        out[outOff + p + 1] = alpha * v1;
        out[outOff + p + 2] = alpha * v2;
        out[outOff + p + 3] = alpha * v3;
    }

    /** Entry p alone, its D1 row at x and D2 row at y, in the same order as one dot of the quad method. */
    private static void single(float[] d1, int x, float[] d2, int y, int k, float[] s, int p, boolean scale, float alpha,
                               float[] out, int outOff) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0;
        int t = 0;
        for (; t + 2 * L <= k; t += 2 * L) {
            a0 = FloatVector.fromArray(S, d1, x + t).fma(FloatVector.fromArray(S, d2, y + t), a0);
            a1 = FloatVector.fromArray(S, d1, x + t + L).fma(FloatVector.fromArray(S, d2, y + t + L), a1);
        }
        if (t + L <= k) {
            a0 = FloatVector.fromArray(S, d1, x + t).fma(FloatVector.fromArray(S, d2, y + t), a0);
            t += L;
        }
        if (t < k) {
            VectorMask<Float> m = S.indexInRange(t, k);
            a0 = FloatVector.fromArray(S, d1, x + t, m).fma(FloatVector.fromArray(S, d2, y + t, m), a0);
        }
        FloatVector r = a0.add(a1);
        for (int q = ROTATE.length - 1; q >= 0; q--) r = r.add(r.rearrange(ROTATE[q]));
        float v = r.lane(0);
        if (scale) v *= s[p];
        out[outOff + p] = alpha * v;
    }
}
