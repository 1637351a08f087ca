package dev.sieve.kernel.sparse;

import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.CooMatrix;
import dev.sieve.sparse.CscMatrix;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.sparse.MaskedMatrix;

/**
 * Sparse times dense, for the unstructured layouts: {@code C = A · B + beta · C} with A sparse
 * {@code [M, K]} and B, C dense row-major float arrays.
 *
 * <p><b>Operands.</b> B is {@code K x n} at {@code bOff} with row stride {@code ldb >= n}; C is
 * {@code M x n} at {@code cOff} with row stride {@code ldc >= n}. For a Linear layer
 * {@code Y = X · W^T} with {@code W[out, in]} sparse, call this feature-major: {@code Y^T = W · X^T},
 * so B is {@code X^T [in, tokens]}, {@code n} is the token count, and the inner loops run over
 * contiguous tokens.
 *
 * <p><b>beta.</b> {@code beta == 0}: C is overwritten and never read (NaN in it does not propagate).
 * {@code beta == 1}: the product is added to C (bias and residual fusions). Otherwise C is scaled by
 * beta first. Precisely, each element is {@code c = beta == 0 ? 0 : beta * c}, then
 * {@code c = fma(a_ik, b_kj, c)} for the stored entries of row i in storage order.
 *
 * <p><b>Numerics and threads.</b> Work is split between the runtime's threads by rows balanced on
 * nnz (CSC, COO and masked are first brought to CSR order, as each method says). Every output
 * element is computed by one thread in a fixed order, so results are deterministic; for the sparse
 * paths they do not even depend on the thread count, and all layouts give the CSR kernel's bits. Implicit zeros contribute nothing: a NaN or
 * infinity in B reaches only the outputs of rows that store an entry in that row of B (except where
 * {@link #spmm(MaskedMatrix, float[], int, int, int, float, float[], int, int, ParallelRuntime)}
 * says otherwise).
 *
 * <p>B and C must not overlap. Implementations are stateless and thread-safe: concurrent calls on
 * different outputs are fine (per-thread scratch is thread-local).
 *
 * @throws IllegalArgumentException (every method) when a dense operand does not fit its array or
 *     the shapes disagree, before anything is written
 */
public interface SpmmKernels {

    /** C = A · B + beta · C with A in CSR: the performance-critical form. */
    void spmm(CsrMatrix a, float[] b, int bOff, int ldb, int n, float beta, float[] c, int cOff, int ldc,
              ParallelRuntime runtime);

    /**
     * C = A · B + beta · C with A in CSC. The fast implementation converts to CSR first (a stable
     * counting sort, O(nnz) time and memory per call) and runs the CSR kernel; the reference scatters
     * column by column. Per element the order is the CSR one (beta·c, then columns ascending), so the
     * result equals the CSR kernel's bit for bit. Convert once with {@code toCsr()} when A is reused.
     */
    void spmm(CscMatrix a, float[] b, int bOff, int ldb, int n, float beta, float[] c, int cOff, int ldc,
              ParallelRuntime runtime);

    /**
     * C = A · B + beta · C with A in COO, repeated positions adding up. Entries are visited row by row
     * and, within a row, in storage order: when the rows are already non-decreasing (coalesced COO is)
     * the backing arrays are used as they are, with row pointers built in one pass; otherwise a stable
     * counting sort by row makes a CSR-ordered copy first (O(nnz) time and memory per call).
     */
    void spmm(CooMatrix a, float[] b, int bOff, int ldb, int n, float beta, float[] c, int cOff, int ldc,
              ParallelRuntime runtime);

    /**
     * C = A · B + beta · C with A masked dense. The fast implementation compresses the mask to CSR
     * arrays in parallel (O(nnz) memory per call) and runs the CSR kernel; from a density threshold
     * (45%) it runs the dense GEMM over the stored values instead, which is faster there. In that
     * dense case an infinity or NaN in B also reaches outputs through masked-out (zero) weights,
     * as in dense arithmetic ({@code 0 · inf = NaN}); with finite B both paths agree to rounding.
     */
    void spmm(MaskedMatrix a, float[] b, int bOff, int ldb, int n, float beta, float[] c, int cOff, int ldc,
              ParallelRuntime runtime);

    /**
     * y = A · x + beta · y with A in CSR {@code [M, K]}, x of K elements at {@code xOff}, y of M at
     * {@code yOff}; beta as for SpMM. The fast implementation sums each row with several partial sums
     * (a fixed order that depends only on the row's length), so it agrees with the sequential reference
     * to rounding, not bit for bit.
     */
    void spmv(CsrMatrix a, float[] x, int xOff, float beta, float[] y, int yOff, ParallelRuntime runtime);
}
