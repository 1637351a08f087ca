package dev.sieve.kernel.gemm;

/**
 * The register-blocked inner kernel of the GEMM: one {@code mr x nr} tile of C from a packed
 * {@code kc x mr} sliver of A and a packed {@code kc x nr} sliver of B.
 *
 * <p>Packed layouts: {@code a[aOff + p*mr + i] = A(i, p)} and {@code b[bOff + p*nr + j] = B(p, j)}.
 */
public interface GemmMicroKernel {
    /** Rows of C per tile. */
    int mr();

    /** Columns of C per tile. */
    int nr();

    /**
     * {@code C[0:mr, 0:nr] = (accumulate ? C : 0) + Apacked · Bpacked}, where C starts at {@code cOff} with
     * row stride {@code ldc}. The whole tile must lie inside {@code c}.
     */
    void compute(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, boolean accumulate);

    /**
     * As {@link #compute}, but A is read in place from a row-major matrix: {@code A(i, p) = a[aOff + i*lda + p]}.
     * Activations are already row-major, so the driver skips packing A when it needs no scaling:
     * each of the {@code mr} rows is one sequential stream, which the prefetcher follows as well as a
     * packed sliver.
     */
    void computeRowMajorA(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] c, int cOff, int ldc,
                          boolean accumulate);

    /**
     * Packs the full-width slivers of a row-major {@code kc x cols} block of B that starts at
     * {@code src[srcOff]} with row stride {@code ld}: for every sliver {@code t < cols / nr()},
     * {@code dst[t*nr*kc + p*nr + j] = src[srcOff + p*ld + t*nr + j]}. Returns the number of columns
     * packed; the driver packs the ragged rest. With few rows of A each packed value of B feeds only
     * 2·M flops, so this copy must run at vector speed — hence it belongs to the kernel.
     */
    default int packFullSliversOfB(float[] src, int srcOff, int ld, int kc, int cols, float[] dst) {
        int nr = nr(), slivers = cols / nr;
        for (int p = 0; p < kc; p++) {
            int from = srcOff + p * ld;
            for (int t = 0; t < slivers; t++) {
                System.arraycopy(src, from + t * nr, dst, t * nr * kc + p * nr, nr);
            }
        }
        return slivers * nr;
    }

    /**
     * As {@link #packFullSliversOfB} for B stored transposed ({@code n x k}, row stride {@code ld}, the
     * Linear weight W[out, in]): {@code dst[t*nr*kc + p*nr + j] = src[srcOff + (t*nr + j)*ld + p]}.
     */
    default int packFullSliversOfTransposedB(float[] src, int srcOff, int ld, int kc, int cols, float[] dst) {
        int nr = nr(), slivers = cols / nr;
        for (int t = 0; t < slivers; t++) {
            for (int j = 0; j < nr; j++) {
                int from = srcOff + (t * nr + j) * ld;
                for (int p = 0, to = t * nr * kc + j; p < kc; p++, to += nr) dst[to] = src[from + p];
            }
        }
        return slivers * nr;
    }
}
