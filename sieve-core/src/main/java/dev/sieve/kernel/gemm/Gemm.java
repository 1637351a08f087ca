package dev.sieve.kernel.gemm;

import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.parallel.Parallel;
import dev.sieve.parallel.ParallelRuntime;

/**
 * Single-precision GEMM on row-major arrays: {@code C = alpha * op(A) · op(B) + beta * C}.
 *
 * <p>{@code op(A)} is {@code m x k}: A is stored {@code m x k} (row stride {@code lda}), or {@code k x m}
 * when {@code transA}. {@code op(B)} is {@code k x n}: B is stored {@code k x n}, or {@code n x k} when
 * {@code transB} — the form a Linear layer needs for {@code X · W^T} with {@code W[out, in]}.
 *
 * <p>This facade checks every size and bound, then hands off to the packed, blocked, multi-threaded
 * {@link GemmDriver} with the provider's micro-kernel. When {@code beta == 0}, C is not read (NaNs in
 * it do not propagate).
 */
public final class Gemm {
    private Gemm() {}

    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, Parallel.runtime());
    }

    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc, ParallelRuntime runtime) {
        check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        driver(VectorizationProvider.get().gemmMicroKernel())
                .sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, runtime);
    }

    /** A driver for a given micro-kernel (tests use this to run every kernel, whatever the hardware). */
    public static GemmDriver driver(GemmMicroKernel kernel) {
        return GemmDriver.forKernel(kernel);
    }

    static void check(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative GEMM size m=" + m + " n=" + n + " k=" + k);
        }
        checkMatrix("A", a, aOff, lda, transA ? k : m, transA ? m : k);
        checkMatrix("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
        checkMatrix("C", c, cOff, ldc, m, n);
    }

    private static void checkMatrix(String name, float[] x, int off, int ld, int rows, int cols) {
        if (rows == 0 || cols == 0) return;
        if (ld < cols) {
            throw new IllegalArgumentException(name + ": leading dimension " + ld + " < columns " + cols);
        }
        long last = off + (long) (rows - 1) * ld + cols;
        if (off < 0 || last > x.length) {
            throw new IllegalArgumentException(name + ": " + rows + " x " + cols + " at offset " + off
                    + " with stride " + ld + " needs " + last + " elements, array has " + x.length);
        }
    }
}
