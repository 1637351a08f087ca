package dev.sieve.kernel.sparse;

import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.CsrMatrix;

/**
 * Softmax over the rows of a CSR matrix, over each row's stored values only: implicit zeros are
 * excluded (they count as -infinity, as masked positions in sparse attention), so the output keeps
 * the input's pattern and each non-empty row of it sums to 1. Empty rows stay empty. Explicit stored
 * zeros take part like any other value.
 *
 * <p>Per row this is the dense {@code NormalizationKernels.softmax} of the row's values: the row max
 * is subtracted first so nothing overflows; a NaN or +infinity in a row, or a row of only -infinity,
 * makes the whole row NaN (as PyTorch). Rows are split between threads balanced on nnz and each row
 * is computed by one thread, so results do not depend on the thread count. The fast implementation
 * agrees with the reference (computed in double) within a few ulps. Stateless and thread-safe.
 */
public interface SparseSoftmaxKernels {

    /**
     * Writes the softmax of each row's values into {@code out[outOff .. outOff + a.nnz())}, in
     * {@code a}'s storage order. {@code out} may not be {@code a.data()} (layouts are immutable).
     *
     * @throws IllegalArgumentException if {@code out} is too short
     */
    void softmax(CsrMatrix a, float[] out, int outOff, ParallelRuntime runtime);

    /** The row softmax as a CSR matrix with {@code a}'s pattern (its index arrays are shared). */
    default CsrMatrix softmax(CsrMatrix a, ParallelRuntime runtime) {
        float[] out = new float[a.nnz()];
        softmax(a, out, 0, runtime);
        return a.withData(out);
    }
}
