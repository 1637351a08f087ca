package dev.sieve.kernel.sparse;

import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.NmMatrix;

/**
 * SpMM with an n:m left operand ({@code nm:N:M}): {@code C = A · B} or {@code C += A · B}.
 *
 * <p>Shapes: A is {@code M x K} ({@code a.rows() x a.cols()}), B is {@code K x n} row-major at
 * {@code b[bOff + k * ldb + j]}, C is {@code M x n} row-major at {@code c[cOff + i * ldc + j]}, with
 * {@code ldb >= n} and {@code ldc >= n}. For a Linear layer with weight W[out, in] this is
 * {@code Y^T = W · X^T}: M = out, K = in, n = tokens.
 *
 * <p>When {@code accumulate} is false, C's previous contents are never read. Padding slots (columns
 * {@code >= K} in the last group of a row) are skipped: B is never read there. Elements of B and C
 * outside the stated rectangles are not touched.
 *
 * <p>Implementations are stateless and thread-safe; output rows are split evenly between the
 * runtime's threads (every row stores the same number of slots), each element of C is summed by one
 * thread in a fixed order, so results are reproducible. B and C must not overlap. Obtain the fast
 * implementation with {@code VectorizationProvider.get().kernels(NmKernels.class)}.
 */
public interface NmKernels {
    /** @throws IllegalArgumentException when the arrays are too short for the shapes or a leading dimension is below n */
    void spmm(NmMatrix a, float[] b, int bOff, int ldb, int n, float[] c, int cOff, int ldc, boolean accumulate,
              ParallelRuntime runtime);
}
