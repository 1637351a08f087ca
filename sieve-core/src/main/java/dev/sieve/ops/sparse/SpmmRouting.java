package dev.sieve.ops.sparse;

import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.kernel.sparse.BsrKernels;
import dev.sieve.kernel.sparse.NmKernels;
import dev.sieve.kernel.sparse.NmgKernels;
import dev.sieve.kernel.sparse.SpmmKernels;
import dev.sieve.kernel.sparse.TileWiseKernels;
import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.BsrMatrix;
import dev.sieve.sparse.CooMatrix;
import dev.sieve.sparse.CscMatrix;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.sparse.MaskedMatrix;
import dev.sieve.sparse.NmMatrix;
import dev.sieve.sparse.NmgMatrix;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.sparse.TileWiseMatrix;

/** Sends an SpMM {@code C (+)= A · B} to the kernel family of the sparse operand's layout. */
final class SpmmRouting {
    private SpmmRouting() {}

    static void spmm(SparseMatrix a, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, int n,
                     boolean accumulate, ParallelRuntime runtime) {
        VectorizationProvider p = VectorizationProvider.get();
        float beta = accumulate ? 1f : 0f;
        switch (a) {
            case CsrMatrix m -> p.kernels(SpmmKernels.class).spmm(m, b, bOff, ldb, n, beta, c, cOff, ldc, runtime);
            case CscMatrix m -> p.kernels(SpmmKernels.class).spmm(m, b, bOff, ldb, n, beta, c, cOff, ldc, runtime);
            case CooMatrix m -> p.kernels(SpmmKernels.class).spmm(m, b, bOff, ldb, n, beta, c, cOff, ldc, runtime);
            case MaskedMatrix m -> p.kernels(SpmmKernels.class).spmm(m, b, bOff, ldb, n, beta, c, cOff, ldc, runtime);
            case BsrMatrix m -> p.kernels(BsrKernels.class).spmm(m, b, bOff, ldb, n, c, cOff, ldc, accumulate, runtime);
            case NmMatrix m -> p.kernels(NmKernels.class).spmm(m, b, bOff, ldb, n, c, cOff, ldc, accumulate, runtime);
            case NmgMatrix m -> p.kernels(NmgKernels.class).spmm(m, b, bOff, ldb, n, c, cOff, ldc, accumulate, runtime);
            case TileWiseMatrix m -> p.kernels(TileWiseKernels.class).spmm(m, b, bOff, ldb, n, c, cOff, ldc, accumulate, runtime);
        }
    }
}
