package dev.sieve.kernel;

/** Scalar reference implementations of {@link DenseKernels}. */
public class ScalarDenseKernels implements DenseKernels {
    @Override
    public void add(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = a[aOff + i] + b[bOff + i];
    }
}
