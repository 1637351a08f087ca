package dev.sieve.kernel.sparse;

import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.CsrMatrix;

/**
 * Sampled dense-dense matrix multiplication (SDDMM): the product {@code D1 · D2^T} evaluated only at
 * the stored positions of a CSR pattern S — the attention scores of a sparse attention pattern, or the
 * gradient of a sparse weight restricted to its pattern.
 *
 * <p>{@code D1} is {@code [M, k]} row-major at {@code d1Off} with row stride {@code ld1 >= k};
 * {@code D2} is {@code [N, k]} at {@code d2Off} with stride {@code ld2 >= k}, where {@code M x N} is
 * S's shape. Both are read along rows, so every dot product runs over contiguous memory. For entry
 * {@code p} of S at {@code (i, j)}:
 * <pre>
 *   out[outOff + p] = alpha · (scaleByValues ? S.data[p] : 1) · dot(D1[i, :], D2[j, :])
 * </pre>
 * (the dot first, then times S's value, then times alpha). With {@code k == 0} every dot is 0.
 *
 * <p>Rows of S are split between threads balanced on nnz; each output is computed by one thread in a
 * fixed order that depends only on k, so results are deterministic and independent of the thread
 * count. The fast implementation sums each dot with vector partial sums (a different order from the
 * sequential reference: equal to rounding, not bit for bit). Stateless and thread-safe; {@code out}
 * must not overlap D1 or D2.
 *
 * @throws IllegalArgumentException when D1, D2 or out do not fit their arrays, before anything is written
 */
public interface SddmmKernels {

    /** Writes the sampled products into {@code out[outOff .. outOff + S.nnz())}, in S's storage order. */
    void sddmm(CsrMatrix pattern, boolean scaleByValues, float alpha, float[] d1, int d1Off, int ld1, float[] d2,
               int d2Off, int ld2, int k, float[] out, int outOff, ParallelRuntime runtime);

    /** The sampled products as a CSR matrix with S's pattern (its index arrays are shared). */
    default CsrMatrix sddmm(CsrMatrix pattern, boolean scaleByValues, float alpha, float[] d1, int d1Off, int ld1,
                            float[] d2, int d2Off, int ld2, int k, ParallelRuntime runtime) {
        float[] out = new float[pattern.nnz()];
        sddmm(pattern, scaleByValues, alpha, d1, d1Off, ld1, d2, d2Off, ld2, k, out, 0, runtime);
        return pattern.withData(out);
    }

    /** The argument checks every implementation runs first. */
    static void check(CsrMatrix pattern, float[] d1, int d1Off, int ld1, float[] d2, int d2Off, int ld2, int k,
                      float[] out, int outOff) {
        DenseArgs.count("k (columns of D1 and D2)", k);
        DenseArgs.matrix("D1", d1, d1Off, ld1, pattern.rows(), k);
        DenseArgs.matrix("D2", d2, d2Off, ld2, pattern.cols(), k);
        DenseArgs.vector("out", out, outOff, pattern.nnz());
    }
}
