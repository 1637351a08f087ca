package dev.sieve.kernel.sparse;

import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.TileWiseMatrix;

/**
 * SpMM with a tile-wise left operand ({@code tw:G}): {@code C = A · B} or {@code C += A · B}. Each
 * tile is a small dense GEMM of its kept output rows by its kept input columns, over the rows of B
 * that those columns name; dropped output rows are zero (or left unchanged when accumulating).
 *
 * <p>Shapes: A is {@code M x K} ({@code a.rows() x a.cols()}), B is {@code K x n} row-major at
 * {@code b[bOff + k * ldb + j]}, C is {@code M x n} row-major at {@code c[cOff + i * ldc + j]}, with
 * {@code ldb >= n} and {@code ldc >= n}. For a Linear layer with weight W[out, in] this is
 * {@code Y^T = W · X^T}: M = out, K = in, n = tokens.
 *
 * <p>When {@code accumulate} is false, C's previous contents are never read. Elements of B and C
 * outside the stated rectangles are not touched.
 *
 * <p>Implementations are thread-safe (any scratch space is per thread); the work is split between
 * the runtime's threads by columns of C or by output rows balanced on stored values, each element of
 * C is summed by one thread in a fixed order, so results are reproducible. B and C must not overlap.
 * Obtain the fast implementation with {@code VectorizationProvider.get().kernels(TileWiseKernels.class)}.
 */
public interface TileWiseKernels {
    /** @throws IllegalArgumentException when the arrays are too short for the shapes or a leading dimension is below n */
    void spmm(TileWiseMatrix a, float[] b, int bOff, int ldb, int n, float[] c, int cOff, int ldc, boolean accumulate,
              ParallelRuntime runtime);
}
