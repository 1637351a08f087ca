package dev.sieve.sparse;

import dev.sieve.tensor.Tensor;

/**
 * A 2-D matrix held in one of Sieve's sparse layouts. Every implementation is immutable and checks its
 * invariants on construction, naming the first offending position.
 *
 * <p>Weights follow the Linear-layer convention: W is {@code [out, in] = [rows, cols]} and a layer
 * computes {@code Y = X · W^T}, so the reduction dimension is {@code in}, the columns.
 *
 * <p>Storage arrays are exposed by each layout's accessors <em>without copying</em> so kernels can
 * read them directly; they are read-only by contract, and writing to them breaks the validated
 * invariants. See {@code docs/layouts.md} for the exact storage of each layout.
 */
public sealed interface SparseMatrix
        permits CooMatrix, CsrMatrix, CscMatrix, BsrMatrix, NmMatrix, NmgMatrix, TileWiseMatrix, MaskedMatrix {

    int rows();

    int cols();

    /**
     * The number of stored entries that fall inside the matrix: explicit zeros count, padding (slots a
     * layout keeps beyond the matrix edge to stay regular) does not. Equals {@code toCoo().nnz()}.
     */
    int nnz();

    /** {@code 1 - nnz / (rows * cols)}, and 0 for a matrix with no positions. */
    default double sparsity() {
        long positions = (long) rows() * cols();
        return positions == 0 ? 0.0 : 1.0 - (double) nnz() / positions;
    }

    /** The descriptor of this matrix's layout, with its parameters. */
    Layout layout();

    /**
     * The dense {@code rows x cols} tensor.
     *
     * @throws IllegalArgumentException if {@code rows * cols} is too large for a dense tensor
     */
    Tensor toDense();

    /**
     * The stored entries inside the matrix as COO. For every layout but COO itself the result is
     * coalesced (row-major, one entry per position) and keeps explicit zeros; a {@link CooMatrix}
     * returns itself.
     */
    CooMatrix toCoo();

    /** Bytes held by the storage arrays: what this matrix costs in memory and on disk. */
    long storageBytes();
}
