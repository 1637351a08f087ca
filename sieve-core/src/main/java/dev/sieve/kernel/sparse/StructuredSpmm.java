package dev.sieve.kernel.sparse;

import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.SparseMatrix;
import java.util.Objects;

/**
 * What the structured SpMM kernels share: the argument checks, and the rule for when a product is
 * too small to be worth handing to other threads.
 *
 * <p>Every kernel computes {@code C[M, N] = A[M, K] · B[K, N]} (or {@code C += A · B}) with A sparse,
 * {@code M = a.rows()}, {@code K = a.cols()}, and B and C dense row-major float arrays: element
 * {@code (k, j)} of B is {@code b[bOff + k * ldb + j]}, element {@code (i, j)} of C is
 * {@code c[cOff + i * ldc + j]}.
 */
public final class StructuredSpmm {
    /**
     * Below this many multiply-adds a product runs on the calling thread: handing work to a worker
     * costs tens of microseconds, more than such a product takes.
     */
    static final long MIN_PARALLEL_WORK = 1L << 17;

    private StructuredSpmm() {}

    /**
     * Checks the dense operands against A's shape.
     *
     * @throws IllegalArgumentException naming the operand and what is wrong with it
     * @throws NullPointerException if an array or A is null
     */
    public static void check(SparseMatrix a, float[] b, int bOff, int ldb, int n, float[] c, int cOff, int ldc) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(c, "c");
        if (n < 0) throw new IllegalArgumentException("negative column count n = " + n);
        checkMatrix("B", b, bOff, ldb, a.cols(), n, "A has " + a.cols() + " columns");
        checkMatrix("C", c, cOff, ldc, a.rows(), n, "A has " + a.rows() + " rows");
        if (b == c && a.rows() > 0 && a.cols() > 0 && n > 0) {
            throw new IllegalArgumentException("B and C are the same array; the product cannot be computed in place");
        }
    }

    private static void checkMatrix(String name, float[] x, int off, int ld, int rows, int cols, String why) {
        if (off < 0) throw new IllegalArgumentException(name + ": negative offset " + off);
        if (rows == 0 || cols == 0) return;
        if (ld < cols) {
            throw new IllegalArgumentException(name + ": leading dimension " + ld + " < n = " + cols);
        }
        long last = off + (long) (rows - 1) * ld + cols;
        if (last > x.length) {
            throw new IllegalArgumentException(name + ": " + rows + " x " + cols + " (" + why + ") at offset " + off
                    + " with leading dimension " + ld + " needs " + last + " elements, the array has " + x.length);
        }
    }

    /** The runtime to use for {@code work} multiply-adds: the caller alone when the product is small. */
    static int threadsFor(ParallelRuntime runtime, long work) {
        return work < MIN_PARALLEL_WORK ? 1 : runtime.threads();
    }

    /** Sets {@code C[row, from:to]} to zero. */
    public static void zero(float[] c, int rowOff, int from, int to) {
        java.util.Arrays.fill(c, rowOff + from, rowOff + to, 0f);
    }
}
