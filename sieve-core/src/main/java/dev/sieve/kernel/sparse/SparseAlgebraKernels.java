package dev.sieve.kernel.sparse;

import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.CsrMatrix;

/**
 * Sparse-sparse operations on CSR matrices, each giving a new CSR matrix with sorted columns.
 *
 * <p><b>Patterns.</b> Outputs are structural: a position is stored when the operation can produce a
 * value there, even if the value happens to be 0 (products that cancel, {@code a - a}). Callers that
 * want those zeros dropped can re-sparsify.
 *
 * <p><b>Threads and numerics.</b> Rows are split between the runtime's threads balanced on the work
 * per row (flops for SpGEMM, input entries for add and multiply), in two passes: count each row's
 * output entries, then fill. Each output value is computed by one thread in a fixed order, so
 * results are identical for every thread count.
 *
 * <p>There is only a scalar implementation: merges and scatters into an accumulator have no useful
 * vector form here. Stateless and thread-safe (per-thread workspaces are thread-local).
 *
 * @throws IllegalArgumentException (every method) when the shapes do not agree
 */
public interface SparseAlgebraKernels {

    /**
     * SpGEMM, {@code C = A · B} with A {@code [M, K]} and B {@code [K, N]}, by Gustavson's row-wise
     * algorithm with a dense accumulator per thread: row i of C is the sum of a_ik · (row k of B) over
     * the entries of row i of A, in A's column order (each element: {@code c = fma(a_ik, b_kj, c)} from
     * 0). A symbolic pass counts each row's distinct columns, a numeric pass fills them; each row's
     * columns are then sorted (or, when the row is dense enough, read off the accumulator in order).
     *
     * @throws IllegalArgumentException if A's columns differ from B's rows, or C would have more than
     *     {@code Integer.MAX_VALUE - 16} entries
     */
    CsrMatrix spgemm(CsrMatrix a, CsrMatrix b, ParallelRuntime runtime);

    /**
     * {@code C = alpha · A + beta · B} over the union of the two patterns: where both store a value,
     * {@code alpha · a + beta · b} (each product rounded, then the sum); where one does, its scaled
     * value.
     */
    CsrMatrix add(float alpha, CsrMatrix a, float beta, CsrMatrix b, ParallelRuntime runtime);

    /** Elementwise (Hadamard) product over the intersection of the two patterns. */
    CsrMatrix multiply(CsrMatrix a, CsrMatrix b, ParallelRuntime runtime);
}
