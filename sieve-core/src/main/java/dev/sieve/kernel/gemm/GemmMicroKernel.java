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
}
