package dev.sieve.kernel.sparse;

import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.BsrMatrix;

/**
 * SpMM with a block-sparse ({@code bsr:RxC}) left operand: {@code C = A · B} or {@code C += A · B}.
 *
 * <p>Shapes: A is {@code M x K} ({@code a.rows() x a.cols()}), B is {@code K x n} row-major at
 * {@code b[bOff + k * ldb + j]}, C is {@code M x n} row-major at {@code c[cOff + i * ldc + j]}, with
 * {@code ldb >= n} and {@code ldc >= n}. For a Linear layer with sparse weight W[out, in] this is the
 * feature-major form {@code Y^T = W · X^T}: M = out, K = in, n = tokens.
 *
 * <p>When {@code accumulate} is false, C's previous contents are never read (NaN in C does not
 * propagate); rows of A with no block give zero rows. Padding positions of the layout are never used
 * to read B or write C. Elements of B and C outside the stated rectangles are not touched.
 *
 * <p>Implementations are stateless and thread-safe; each call splits its output rows between the
 * runtime's threads (balanced by stored blocks), and every element of C is summed by one thread in a
 * fixed order, so results are reproducible and do not depend on scheduling. B and C must not overlap.
 * Obtain the fast implementation with {@code VectorizationProvider.get().kernels(BsrKernels.class)}.
 *
 * @throws IllegalArgumentException from {@code spmm} when the arrays are too short for the stated
 *     shapes or a leading dimension is smaller than n
 */
public interface BsrKernels {
    void spmm(BsrMatrix a, float[] b, int bOff, int ldb, int n, float[] c, int cOff, int ldc, boolean accumulate,
              ParallelRuntime runtime);
}
