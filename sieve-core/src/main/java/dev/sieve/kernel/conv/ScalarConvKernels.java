package dev.sieve.kernel.conv;

/** Plain-Java {@link ConvKernels}: the reference for the vector kernels, and the fallback without them. */
public final class ScalarConvKernels implements ConvKernels {
    static final int MR = 4, NR = 8;

    @Override
    public int tileRows() {
        return MR;
    }

    @Override
    public int tileCols() {
        return NR;
    }

    @Override
    public void tile(int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        float[] acc = new float[MR * NR];
        for (int p = 0; p < k; p++) {
            int bRow = bOff + p * ldb;
            for (int i = 0; i < MR; i++) {
                float av = a[aOff + i * lda + p];
                for (int j = 0; j < NR; j++) acc[i * NR + j] += av * b[bRow + j];
            }
        }
        for (int i = 0; i < MR; i++) {
            for (int j = 0; j < NR; j++) {
                int at = cOff + i * ldc + j;
                c[at] = accumulate ? c[at] + acc[i * NR + j] : acc[i * NR + j];
            }
        }
    }

    @Override
    public void maxPoolInside(float[] x, int xOff, int inPlane, int[] window, int[] taps, int outPlane, int p0, int p1, boolean relu,
                              float[] out, int outOff, int[] argmax, int argOff) {
        for (int p = p0; p < p1; p++) {
            int plane = xOff + p * inPlane, o = outOff + p * outPlane, a = argOff + p * outPlane;
            for (int q = 0; q < outPlane; q++) {
                int at = relu ? -1 : window[q] + taps[0];
                float best = relu ? 0f : x[plane + at];
                for (int t = relu ? 0 : 1; t < taps.length; t++) {
                    int idx = window[q] + taps[t];
                    float v = x[plane + idx];
                    if (v > best || v != v) {
                        best = v;
                        at = idx;
                    }
                }
                out[o + q] = best;
                argmax[a + q] = at;
            }
        }
    }
}
