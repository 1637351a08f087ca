package dev.sieve.kernel.conv;

/**
 * The vectorised pieces of convolution and pooling (a kernel family: {@code PanamaConvKernels} with the
 * Vector API, {@link ScalarConvKernels} as the reference and fallback).
 */
public interface ConvKernels {
    /** Rows of C per {@link #tile}. */
    int tileRows();

    /** Columns of C per {@link #tile}. */
    int tileCols();

    /**
     * One {@code tileRows() x tileCols()} tile of {@code C (+)= A · B} with every operand row-major and
     * unpacked: {@code A(i, p) = a[aOff + i·lda + p]}, {@code B(p, j) = b[bOff + p·ldb + j]},
     * {@code C(i, j) = c[cOff + i·ldc + j]}, for {@code p < k}. With {@code accumulate} C is added to,
     * otherwise overwritten. The whole tile must lie inside each array.
     */
    void tile(int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate);

    /**
     * Max pooling of planes {@code [p0, p1)} whose windows lie inside the image: output q of plane p reads
     * {@code x[xOff + p·inPlane + window[q] + taps[t]]} for each tap t in order, keeps the first maximum
     * (a NaN wins, a later NaN over an earlier one) and records its position {@code window[q] + taps[t]}.
     * {@code window} holds at least {@code outPlane} entries rounded up to a multiple of the vector
     * length, each a valid position. With {@code relu} the result is {@code max(0, window maximum)}: the
     * running maximum starts at 0 with position −1, so a window with nothing above 0 yields 0 and −1.
     */
    void maxPoolInside(float[] x, int xOff, int inPlane, int[] window, int[] taps, int outPlane, int p0, int p1, boolean relu,
                       float[] out, int outOff, int[] argmax, int argOff);
}
