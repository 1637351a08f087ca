package dev.sieve.kernel;

/**
 * Reductions over one contiguous run {@code [off, off + n)}.
 *
 * <p>Each implementation adds in a fixed order that depends only on {@code n} (never on timing, JIT
 * state or threads), so a given input always gives the same bits. The orders differ between
 * implementations: the fast kernels keep several partial sums, the reference adds sequentially in
 * double, so their sums agree to rounding, not bit for bit.
 *
 * <p>NaN: {@link #max} returns NaN if the run holds one, and {@link #argmax} returns the index of the
 * first NaN (NaN counts as larger than everything, as in NumPy and PyTorch).
 */
public interface ReductionKernels {

    /** Sum of the run; 0 when empty. */
    float sum(float[] x, int off, int n);

    /** Sum of squares of the run; 0 when empty. */
    float sumOfSquares(float[] x, int off, int n);

    /** Largest element; -infinity when empty, NaN if any element is NaN. */
    float max(float[] x, int off, int n);

    /**
     * Position (relative to {@code off}) of the first largest element, or of the first NaN if there is
     * one; -1 when empty.
     */
    int argmax(float[] x, int off, int n);
}
