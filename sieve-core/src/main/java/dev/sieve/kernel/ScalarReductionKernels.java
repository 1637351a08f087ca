package dev.sieve.kernel;

/** Scalar reference implementations of {@link ReductionKernels}: sequential, summed in double. */
public class ScalarReductionKernels implements ReductionKernels {

    @Override
    public float sum(float[] x, int off, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += x[off + i];
        return (float) s;
    }

    @Override
    public float sumOfSquares(float[] x, int off, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += (double) x[off + i] * x[off + i];
        return (float) s;
    }

    @Override
    public float max(float[] x, int off, int n) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) m = Math.max(m, x[off + i]);
        return m;
    }

    @Override
    public int argmax(float[] x, int off, int n) {
        if (n == 0) return -1;
        int best = 0;
        for (int i = 0; i < n; i++) {
            float v = x[off + i];
            if (Float.isNaN(v)) return i;
            if (v > x[off + best]) best = i;
        }
        return best;
    }
}
