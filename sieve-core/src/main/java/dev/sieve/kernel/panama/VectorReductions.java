package dev.sieve.kernel.panama;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Reductions over runs and across the lanes of a vector, in a fixed order that depends only on the
 * run length: the same input gives the same bits, whatever the JIT has or has not compiled yet.
 */
final class VectorReductions {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    /** ROTATE[k] moves lane i + 2^k to lane i. */
    static final VectorShuffle<Float>[] ROTATE = rotations();

    private VectorReductions() {}

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] rotations() {
        int levels = Integer.numberOfTrailingZeros(L);
        VectorShuffle<Float>[] r = new VectorShuffle[levels];
        for (int k = 0; k < levels; k++) r[k] = VectorShuffle.iota(S, 1 << k, 1, true);
        return r;
    }

    // Summing the lanes of an accumulator: reduceLanes(ADD) leaves the order unspecified, and compiled
    // and interpreted code may add in different orders, giving different bits for the same input. A
    // fixed rotate-and-add tree does not. It is written out at each use rather than in a helper because
    // a vector passed to a method the JIT does not inline is boxed on the heap (see VectorFunctions).

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
        FloatVector acc = s0.add(s1).add(s2.add(s3));
        for (int k = ROTATE.length - 1; k >= 0; k--) acc = acc.add(acc.rearrange(ROTATE[k]));
        return acc.lane(0);
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
        FloatVector acc = s0.add(s1).add(s2.add(s3));
        for (int k = ROTATE.length - 1; k >= 0; k--) acc = acc.add(acc.rearrange(ROTATE[k]));
        return acc.lane(0);
    }

    /** Largest element, NaN if any; lanewise max follows Math.max, so NaN propagates. */
    static float max(float[] x, int off, int n) {
        FloatVector m0 = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY), m1 = m0;
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
        FloatVector acc = m0.max(m1);
        for (int k = ROTATE.length - 1; k >= 0; k--) acc = acc.max(acc.rearrange(ROTATE[k]));
        return acc.lane(0);
    }
}
