package dev.sieve.kernel.gemm;

/** A plain-Java 4 x 4 micro-kernel: the fallback when the Vector API is unavailable. */
public final class ScalarGemmMicroKernel implements GemmMicroKernel {
    private static final int MR = 4;
    private static final int NR = 4;

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public void compute(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, boolean accumulate) {
        float c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        float c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        float c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int p = 0; p < kc; p++) {
            int ai = aOff + p * MR, bi = bOff + p * NR;
            float b0 = b[bi], b1 = b[bi + 1], b2 = b[bi + 2], b3 = b[bi + 3];
            float a0 = a[ai];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            float a1 = a[ai + 1];
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            float a2 = a[ai + 2];
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            float a3 = a[ai + 3];
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
        }
        store(c, cOff, accumulate, c00, c01, c02, c03);
        store(c, cOff + ldc, accumulate, c10, c11, c12, c13);
        store(c, cOff + 2 * ldc, accumulate, c20, c21, c22, c23);
        store(c, cOff + 3 * ldc, accumulate, c30, c31, c32, c33);
    }

    @Override
    public void computeRowMajorA(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] c, int cOff, int ldc,
                                 boolean accumulate) {
        float c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        float c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        float c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        int r0 = aOff, r1 = aOff + lda, r2 = aOff + 2 * lda, r3 = aOff + 3 * lda;
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * NR;
            float b0 = b[bi], b1 = b[bi + 1], b2 = b[bi + 2], b3 = b[bi + 3];
            float a0 = a[r0 + p];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            float a1 = a[r1 + p];
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            float a2 = a[r2 + p];
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            float a3 = a[r3 + p];
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
        }
        store(c, cOff, accumulate, c00, c01, c02, c03);
        store(c, cOff + ldc, accumulate, c10, c11, c12, c13);
        store(c, cOff + 2 * ldc, accumulate, c20, c21, c22, c23);
        store(c, cOff + 3 * ldc, accumulate, c30, c31, c32, c33);
    }

    private static void store(float[] c, int o, boolean accumulate, float v0, float v1, float v2, float v3) {
        if (accumulate) {
            c[o] += v0; c[o + 1] += v1; c[o + 2] += v2; c[o + 3] += v3;
        } else {
            c[o] = v0; c[o + 1] = v1; c[o + 2] = v2; c[o + 3] = v3;
        }
    }
}
