package dev.sieve.ops.sparse;

import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.kernel.gemm.Gemm;
import dev.sieve.kernel.sparse.BsrKernels;
import dev.sieve.kernel.sparse.NmKernels;
import dev.sieve.kernel.sparse.NmgKernels;
import dev.sieve.kernel.sparse.TileWiseKernels;
import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.BsrMatrix;
import dev.sieve.sparse.NmMatrix;
import dev.sieve.sparse.NmgMatrix;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.sparse.TileWiseMatrix;
import dev.sieve.tensor.Tensor;

/** Sends an SpMM {@code C (+)= A · B} to the kernel family of the sparse operand's layout. */
final class SpmmRouting {
    private SpmmRouting() {}

    static void spmm(SparseMatrix a, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, int n,
                     boolean accumulate, ParallelRuntime runtime) {
        VectorizationProvider p = VectorizationProvider.get();
        switch (a) {
            case BsrMatrix m -> p.kernels(BsrKernels.class).spmm(m, b, bOff, ldb, n, c, cOff, ldc, accumulate, runtime);
            case NmMatrix m -> p.kernels(NmKernels.class).spmm(m, b, bOff, ldb, n, c, cOff, ldc, accumulate, runtime);
            case NmgMatrix m -> p.kernels(NmgKernels.class).spmm(m, b, bOff, ldb, n, c, cOff, ldc, accumulate, runtime);
            case TileWiseMatrix m -> p.kernels(TileWiseKernels.class).spmm(m, b, bOff, ldb, n, c, cOff, ldc, accumulate, runtime);
            default -> {
                Tensor dense = a.toDense();
                Gemm.sgemm(false, false, a.rows(), n, a.cols(), 1f, dense.data(), dense.offset(), a.cols(),
                        b, bOff, ldb, accumulate ? 1f : 0f, c, cOff, ldc, runtime);
            }
        }
    }
}
