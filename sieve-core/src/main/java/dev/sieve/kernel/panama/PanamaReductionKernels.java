package dev.sieve.kernel.panama;

import static dev.sieve.kernel.panama.VectorReductions.L;
import static dev.sieve.kernel.panama.VectorReductions.S;

import dev.sieve.kernel.ReductionKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/** Vector API implementations of {@link ReductionKernels}. */
final class PanamaReductionKernels implements ReductionKernels {

    @Override
    public float sum(float[] x, int off, int n) {
        return VectorReductions.sum(x, off, n);
    }

    @Override
    public float sumOfSquares(float[] x, int off, int n) {
        return VectorReductions.sumOfSquares(x, off, n);
    }

    @Override
    public float max(float[] x, int off, int n) {
        return VectorReductions.max(x, off, n);
    }

    /** Two passes: the max (vectorised), then the first lane equal to it, or the first NaN if the max is NaN. */
    @Override
    public int argmax(float[] x, int off, int n) {
        if (n == 0) return -1;
        float max = VectorReductions.max(x, off, n);
        boolean nan = Float.isNaN(max);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> in = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, x, off + i, in);
            VectorMask<Float> hit = (nan ? v.test(VectorOperators.IS_NAN) : v.compare(VectorOperators.EQ, max)).and(in);
            if (hit.anyTrue()) return i + hit.firstTrue();
        }
        throw new IllegalStateException("argmax: no element equals the max " + max); // unreachable
    }
}
