package dev.sieve.kernel.panama;

import static dev.sieve.kernel.panama.VectorMath.L;
import static dev.sieve.kernel.panama.VectorMath.S;

import dev.sieve.kernel.ReductionKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/** Vector API implementations of {@link ReductionKernels}. */
final class PanamaReductionKernels implements ReductionKernels {

    @Override
    public float sum(float[] x, int off, int n) {
        return VectorMath.sum(x, off, n);
    }

    @Override
    public float sumOfSquares(float[] x, int off, int n) {
        return VectorMath.sumOfSquares(x, off, n);
    }

    @Override
    public float max(float[] x, int off, int n) {
        return VectorMath.max(x, off, n);
    }

    /** Two passes: the max (vectorised), then the first lane equal to it, or the first NaN if the max is NaN. */
    @Override
    public int argmax(float[] x, int off, int n) {
        if (n == 0) return -1;
        float m = VectorMath.max(x, off, n);
        boolean nan = Float.isNaN(m);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            int hit = firstHit(FloatVector.fromArray(S, x, off + i), m, nan);
            if (hit >= 0) return i + hit;
        }
        if (i < n) {
            VectorMask<Float> in = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, x, off + i, in);
            VectorMask<Float> hit = (nan ? v.test(VectorOperators.IS_NAN) : v.compare(VectorOperators.EQ, m)).and(in);
            if (hit.anyTrue()) return i + hit.firstTrue();
        }
        throw new IllegalStateException("argmax: no element equals the max " + m); // unreachable
    }

    private static int firstHit(FloatVector v, float m, boolean nan) {
        VectorMask<Float> hit = nan ? v.test(VectorOperators.IS_NAN) : v.compare(VectorOperators.EQ, m);
        return hit.anyTrue() ? hit.firstTrue() : -1;
    }
}
