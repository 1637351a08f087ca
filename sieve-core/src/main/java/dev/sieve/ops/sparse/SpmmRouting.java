package dev.sieve.ops.sparse;

import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.SparseMatrix;

/** Sends an SpMM to the kernel family of the sparse operand's layout. */
final class SpmmRouting {
    private SpmmRouting() {}

    static void spmm(SparseMatrix a, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, int n,
                     boolean accumulate, ParallelRuntime runtime) {
        // wired to the kernel families as they land
        dev.sieve.tensor.Tensor dense = a.toDense();
        dev.sieve.kernel.gemm.Gemm.sgemm(false, false, a.rows(), n, a.cols(), 1f, dense.data(), dense.offset(), a.cols(),
                b, bOff, ldb, accumulate ? 1f : 0f, c, cOff, ldc, runtime);
    }
}
