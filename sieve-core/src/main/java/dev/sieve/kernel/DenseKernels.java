package dev.sieve.kernel;

/**
 * Flat-array kernels behind the dense tensor operations. Each method works on contiguous runs
 * {@code [off, off + n)}; broadcasting and axis handling live in the callers.
 */
public interface DenseKernels {
    /** out[i] = a[i] + b[i]. */
    void add(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n);
}
