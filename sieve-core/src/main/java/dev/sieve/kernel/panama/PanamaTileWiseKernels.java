package dev.sieve.kernel.panama;

import dev.sieve.kernel.sparse.PackedTileWiseSpmm;
import dev.sieve.kernel.sparse.TileWiseKernels;
import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.TileWiseMatrix;
import jdk.incubator.vector.FloatVector;

/**
 * Tile-wise SpMM on the Vector API GEMM micro-kernel (the same one the dense GEMM uses, chosen the
 * same way): see {@link PackedTileWiseSpmm} for gathering, packing and the loop order.
 */
public final class PanamaTileWiseKernels implements TileWiseKernels {
    private final PackedTileWiseSpmm packed = new PackedTileWiseSpmm(
            FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512 ? new GemmMicroKernel8x2v() : new GemmMicroKernel4x2v());

    @Override
    public void spmm(TileWiseMatrix a, float[] b, int bOff, int ldb, int n, float[] c, int cOff, int ldc, boolean accumulate,
                     ParallelRuntime runtime) {
        packed.spmm(a, b, bOff, ldb, n, c, cOff, ldc, accumulate, runtime);
    }
}
