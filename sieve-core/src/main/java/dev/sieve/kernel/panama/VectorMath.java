package dev.sieve.kernel.panama;

import dev.sieve.kernel.Erf;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector building blocks shared by the Panama kernels: lane reductions in a fixed order, run
 * reductions, and the transcendental functions the Vector API lacks or that need a stable form.
 */
final class VectorMath {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    private static final float INV_SQRT_2 = (float) (1 / Math.sqrt(2));
    private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2 / Math.PI);
    private static final float GELU_CUBIC = (float) (0.044715 * Math.sqrt(2 / Math.PI));

    /** ROTATE[k] moves lane i + 2^k to lane i. */
    private static final VectorShuffle<Float>[] ROTATE = rotations();

    private VectorMath() {}

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] rotations() {
        int levels = Integer.numberOfTrailingZeros(L);
        VectorShuffle<Float>[] r = new VectorShuffle[levels];
        for (int k = 0; k < levels; k++) r[k] = VectorShuffle.iota(S, 1 << k, 1, true);
        return r;
    }

    static FloatVector bc(float v) {
        return FloatVector.broadcast(S, v);
    }

    // ---- lane reductions -------------------------------------------------------------------------
    // reduceLanes(ADD) leaves the order unspecified: the JIT-compiled and interpreted code may add in
    // different orders and give different bits for the same input. A fixed rotate-and-add tree does not.

    static float sumLanes(FloatVector v) {
        for (int k = ROTATE.length - 1; k >= 0; k--) v = v.add(v.rearrange(ROTATE[k]));
        return v.lane(0);
    }

    static float maxLanes(FloatVector v) {
        for (int k = ROTATE.length - 1; k >= 0; k--) v = v.max(v.rearrange(ROTATE[k]));
        return v.lane(0);
    }

    // ---- run reductions --------------------------------------------------------------------------

    /** Four independent accumulators hide the add latency; the order depends only on n. */
    static float sum(float[] x, int off, int n) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int i = 0;
        for (int bound = n - 4 * L; i <= bound; i += 4 * L) {
            s0 = s0.add(FloatVector.fromArray(S, x, off + i));
            s1 = s1.add(FloatVector.fromArray(S, x, off + i + L));
            s2 = s2.add(FloatVector.fromArray(S, x, off + i + 2 * L));
            s3 = s3.add(FloatVector.fromArray(S, x, off + i + 3 * L));
        }
        for (; i <= n - L; i += L) s0 = s0.add(FloatVector.fromArray(S, x, off + i));
        if (i < n) s1 = s1.add(FloatVector.fromArray(S, x, off + i, S.indexInRange(i, n)));
        return sumLanes(s0.add(s1).add(s2.add(s3)));
    }

    static float sumOfSquares(float[] x, int off, int n) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int i = 0;
        for (int bound = n - 4 * L; i <= bound; i += 4 * L) {
            FloatVector v0 = FloatVector.fromArray(S, x, off + i);
            FloatVector v1 = FloatVector.fromArray(S, x, off + i + L);
            FloatVector v2 = FloatVector.fromArray(S, x, off + i + 2 * L);
            FloatVector v3 = FloatVector.fromArray(S, x, off + i + 3 * L);
            s0 = v0.fma(v0, s0);
            s1 = v1.fma(v1, s1);
            s2 = v2.fma(v2, s2);
            s3 = v3.fma(v3, s3);
        }
        for (; i <= n - L; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, off + i);
            s0 = v.fma(v, s0);
        }
        if (i < n) {
            FloatVector v = FloatVector.fromArray(S, x, off + i, S.indexInRange(i, n));
            s1 = v.fma(v, s1);
        }
        return sumLanes(s0.add(s1).add(s2.add(s3)));
    }

    /** Largest element, NaN if any; lanewise max follows Math.max, so NaN propagates. */
    static float max(float[] x, int off, int n) {
        FloatVector m0 = bc(Float.NEGATIVE_INFINITY), m1 = m0;
        int i = 0;
        for (int bound = n - 2 * L; i <= bound; i += 2 * L) {
            m0 = m0.max(FloatVector.fromArray(S, x, off + i));
            m1 = m1.max(FloatVector.fromArray(S, x, off + i + L));
        }
        for (; i <= n - L; i += L) m0 = m0.max(FloatVector.fromArray(S, x, off + i));
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            m1 = m1.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, off + i, m), m);
        }
        return maxLanes(m0.max(m1));
    }

    // ---- elementwise functions -------------------------------------------------------------------

    static FloatVector exp(FloatVector x) {
        // Measured on JDK 25/AVX2: intrinsified (SVML), ~10x faster than scalar Math.exp; see KERNELS notes.
        return x.lanewise(VectorOperators.EXP);
    }

    /** 1/(1+e^-x) for x >= 0 and e^x/(1+e^x) below: e^-|x| never overflows, and tiny results keep their digits. */
    static FloatVector sigmoid(FloatVector x) {
        FloatVector e = exp(x.abs().neg());
        FloatVector r = bc(1f).div(e.add(1f));
        return r.blend(e.mul(r), x.compare(VectorOperators.LT, 0f));
    }

    /**
     * x·sigmoid(2u): the same value as 0.5·x·(1 + tanh u), without cancellation for negative x, and
     * through the stable sigmoid so that e^(-2u) cannot overflow and flush tiny results to zero.
     */
    static FloatVector geluTanh(FloatVector x) {
        FloatVector u = x.mul(x.mul(x).fma(bc(GELU_CUBIC), bc(SQRT_2_OVER_PI)));
        return x.mul(sigmoid(u.mul(2f)));
    }

    /** 0.5·x·erfc(-x/√2), the operation order matching the scalar reference. */
    static FloatVector geluErf(FloatVector x) {
        return x.mul(0.5f).mul(erfc(x.mul(-INV_SQRT_2)));
    }

    /** {@link Erf#erfc(float)} lane by lane, with the same coefficients and operation order. */
    static FloatVector erfc(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector u = x.mul(x);
        FloatVector q = u.fma(Erf.Q5, Erf.Q4).fma(u, bc(Erf.Q3)).fma(u, bc(Erf.Q2)).fma(u, bc(Erf.Q1)).fma(u, bc(Erf.Q0));
        FloatVector small = bc(1f).sub(x.fma(q, x));

        FloatVector c = a.min(Erf.CLAMP);
        FloatVector hi = c.mul(c);
        FloatVector lo = c.fma(c, hi.neg());
        FloatVector t = bc(1f).div(c.fma(0.5f, 1f));
        FloatVector r = t.fma(Erf.R8, Erf.R7).fma(t, bc(Erf.R6)).fma(t, bc(Erf.R5)).fma(t, bc(Erf.R4))
                .fma(t, bc(Erf.R3)).fma(t, bc(Erf.R2)).fma(t, bc(Erf.R1)).fma(t, bc(Erf.R0));
        FloatVector g = exp(hi.neg()).mul(t.mul(r));
        FloatVector tail = lo.neg().fma(g, g);
        FloatVector signedTail = tail.blend(bc(2f).sub(tail), x.compare(VectorOperators.LE, 0f));
        return small.blend(signedTail, a.compare(VectorOperators.GT, Erf.SPLIT));
    }
}
