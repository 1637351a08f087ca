package dev.sieve.kernel.panama;

import static dev.sieve.kernel.panama.VectorReductions.L;
import static dev.sieve.kernel.panama.VectorReductions.S;

import dev.sieve.kernel.ColumnNormKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Vector API implementation of {@link ColumnNormKernels}: each lane is one column, so a column's sum
 * runs down its rows in order, as in the scalar reference (only float rounding differs). Columns go four
 * vectors at a time (four independent accumulators per pass), then one (masked) vector at a time.
 */
public final class PanamaColumnNormKernels implements ColumnNormKernels {

    @Override
    public void layerNorm(float[] x, int xOff, int ld, int rows, int cols, float[] gamma, float[] beta, float eps, float[] y, int yOff) {
        if (rows == 0 || cols == 0) return;
        float n = rows;
        int c = 0;
        for (; c + 4 * L <= cols; c += 4 * L) {
            FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
            for (int r = 0; r < rows; r++) {
                int at = xOff + r * ld + c;
                s0 = s0.add(FloatVector.fromArray(S, x, at));
                s1 = s1.add(FloatVector.fromArray(S, x, at + L));
                s2 = s2.add(FloatVector.fromArray(S, x, at + 2 * L));
                s3 = s3.add(FloatVector.fromArray(S, x, at + 3 * L));
            }
            FloatVector m0 = s0.div(n), m1 = s1.div(n), m2 = s2.div(n), m3 = s3.div(n);
            FloatVector v0 = FloatVector.zero(S), v1 = v0, v2 = v0, v3 = v0;
            for (int r = 0; r < rows; r++) {
                int at = xOff + r * ld + c;
                FloatVector d0 = FloatVector.fromArray(S, x, at).sub(m0);
                FloatVector d1 = FloatVector.fromArray(S, x, at + L).sub(m1);
                FloatVector d2 = FloatVector.fromArray(S, x, at + 2 * L).sub(m2);
                FloatVector d3 = FloatVector.fromArray(S, x, at + 3 * L).sub(m3);
                v0 = d0.fma(d0, v0);
                v1 = d1.fma(d1, v1);
                v2 = d2.fma(d2, v2);
                v3 = d3.fma(d3, v3);
            }
            FloatVector one = FloatVector.broadcast(S, 1f);
            FloatVector r0 = one.div(v0.div(n).add(eps).sqrt()), r1 = one.div(v1.div(n).add(eps).sqrt());
            FloatVector r2 = one.div(v2.div(n).add(eps).sqrt()), r3 = one.div(v3.div(n).add(eps).sqrt());
            for (int r = 0; r < rows; r++) {
                int at = xOff + r * ld + c, to = yOff + r * ld + c;
                float g = gamma == null ? 1f : gamma[r], b = beta == null ? 0f : beta[r];
                FloatVector.fromArray(S, x, at).sub(m0).mul(r0).fma(g, b).intoArray(y, to);
                FloatVector.fromArray(S, x, at + L).sub(m1).mul(r1).fma(g, b).intoArray(y, to + L);
                FloatVector.fromArray(S, x, at + 2 * L).sub(m2).mul(r2).fma(g, b).intoArray(y, to + 2 * L);
                FloatVector.fromArray(S, x, at + 3 * L).sub(m3).mul(r3).fma(g, b).intoArray(y, to + 3 * L);
            }
        }
        for (; c < cols; c += L) {
            VectorMask<Float> m = S.indexInRange(c, cols);
            FloatVector s = FloatVector.zero(S);
            for (int r = 0; r < rows; r++) s = s.add(FloatVector.fromArray(S, x, xOff + r * ld + c, m));
            FloatVector mean = s.div(n);
            FloatVector v = FloatVector.zero(S);
            for (int r = 0; r < rows; r++) {
                FloatVector d = FloatVector.fromArray(S, x, xOff + r * ld + c, m).sub(mean);
                v = d.fma(d, v);
            }
            FloatVector rstd = FloatVector.broadcast(S, 1f).div(v.div(n).add(eps).sqrt());
            for (int r = 0; r < rows; r++) {
                float g = gamma == null ? 1f : gamma[r], b = beta == null ? 0f : beta[r];
                FloatVector.fromArray(S, x, xOff + r * ld + c, m).sub(mean).mul(rstd).fma(g, b).intoArray(y, yOff + r * ld + c, m);
            }
        }
    }
}
