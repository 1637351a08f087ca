package dev.sieve.autograd;

import dev.sieve.ops.sparse.SparseOps;
import dev.sieve.sparse.CscMatrix;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.tensor.Tensor;

/**
 * Products of a constant sparse matrix (no gradient: a graph's adjacency, a fixed mixing or pooling
 * matrix) with a dense variable, and their gradient.
 */
final class SparseConstant {
    private SparseConstant() {}

    /**
     * {@code Y = A · H}: A {@code [M, K]} in any layout, H {@code [K, F]}. Forward runs the layout's own SpMM
     * kernel. Backward, {@code dH = Aᵀ · dY} by SpMM with Aᵀ held as CSR: {@code aT} when the caller has it
     * (e.g. cached across steps, or A itself for a symmetric A), otherwise built here when a gradient is
     * needed ({@link #transposeAsCsr}, O(nnz)).
     */
    static Variable spmm(SparseMatrix a, SparseMatrix aT, Variable h) {
        Tensor hv = h.value();
        if (hv.rank() != 2 || hv.dim(0) != a.cols()) {
            throw new IllegalArgumentException("spmm: A [" + a.rows() + ", " + a.cols() + "] (" + a.layout() + ") and H " + hv.shape()
                    + " do not match (need H [" + a.cols() + ", F])");
        }
        if (aT != null && (aT.rows() != a.cols() || aT.cols() != a.rows())) {
            throw new IllegalArgumentException("spmm: the transpose of A [" + a.rows() + ", " + a.cols() + "] must be ["
                    + a.cols() + ", " + a.rows() + "], got [" + aT.rows() + ", " + aT.cols() + "]");
        }
        Tensor y = SparseOps.spmm(a, hv);
        return Variable.result("spmm", y, g -> {
            SparseMatrix t = aT != null ? aT : transposeAsCsr(a);
            return new Tensor[] {SparseOps.spmm(t, g)};
        }, h);
    }

    /**
     * Aᵀ as CSR, the layout of the fastest SpMM kernel: for CSC a copy of its arrays (they are the CSR
     * arrays of the transpose), for CSR one counting sort ({@link CsrMatrix#transpose}), for the other
     * layouts by way of COO (repeated COO positions are summed).
     */
    static CsrMatrix transposeAsCsr(SparseMatrix a) {
        return switch (a) {
            case CscMatrix c -> new CsrMatrix(c.cols(), c.rows(), c.colPtr(), c.rowIdx(), c.data());
            case CsrMatrix c -> c.transpose();
            default -> a.toCoo().toCsr().transpose();
        };
    }
}
