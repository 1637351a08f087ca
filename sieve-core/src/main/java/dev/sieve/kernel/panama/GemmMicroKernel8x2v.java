package dev.sieve.kernel.panama;

import dev.sieve.kernel.gemm.GemmMicroKernel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * GEMM micro-kernel for 512-bit vectors (AVX-512): an 8 x 32 tile in 16 accumulators, leaving
 * half of the 32 vector registers for operands and the allocator's slack.
 *
 * <p>Accumulators are named locals rather than an array so C2 keeps them all in registers, and no
 * vector is ever passed to another method: if C2 declines to inline such a call (a timing-dependent
 * decision), it boxes the vector on the heap at every FMA and the kernel runs 10x slower.
 */
public final class GemmMicroKernel8x2v implements GemmMicroKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    static final int L = S.length();
    static final int MR = 8;
    static final int NR = 2 * L;

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
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * NR;
            int ai = aOff + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ai + 0]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ai + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ai + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ai + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ai + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[ai + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, a[ai + 6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(S, a[ai + 7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
        }
        if (accumulate) {
            c00.add(FloatVector.fromArray(S, c, cOff + 0 * ldc)).intoArray(c, cOff + 0 * ldc);
            c01.add(FloatVector.fromArray(S, c, cOff + 0 * ldc + L)).intoArray(c, cOff + 0 * ldc + L);
            c10.add(FloatVector.fromArray(S, c, cOff + 1 * ldc)).intoArray(c, cOff + 1 * ldc);
            c11.add(FloatVector.fromArray(S, c, cOff + 1 * ldc + L)).intoArray(c, cOff + 1 * ldc + L);
            c20.add(FloatVector.fromArray(S, c, cOff + 2 * ldc)).intoArray(c, cOff + 2 * ldc);
            c21.add(FloatVector.fromArray(S, c, cOff + 2 * ldc + L)).intoArray(c, cOff + 2 * ldc + L);
            c30.add(FloatVector.fromArray(S, c, cOff + 3 * ldc)).intoArray(c, cOff + 3 * ldc);
            c31.add(FloatVector.fromArray(S, c, cOff + 3 * ldc + L)).intoArray(c, cOff + 3 * ldc + L);
            c40.add(FloatVector.fromArray(S, c, cOff + 4 * ldc)).intoArray(c, cOff + 4 * ldc);
            c41.add(FloatVector.fromArray(S, c, cOff + 4 * ldc + L)).intoArray(c, cOff + 4 * ldc + L);
            c50.add(FloatVector.fromArray(S, c, cOff + 5 * ldc)).intoArray(c, cOff + 5 * ldc);
            c51.add(FloatVector.fromArray(S, c, cOff + 5 * ldc + L)).intoArray(c, cOff + 5 * ldc + L);
            c60.add(FloatVector.fromArray(S, c, cOff + 6 * ldc)).intoArray(c, cOff + 6 * ldc);
            c61.add(FloatVector.fromArray(S, c, cOff + 6 * ldc + L)).intoArray(c, cOff + 6 * ldc + L);
            c70.add(FloatVector.fromArray(S, c, cOff + 7 * ldc)).intoArray(c, cOff + 7 * ldc);
            c71.add(FloatVector.fromArray(S, c, cOff + 7 * ldc + L)).intoArray(c, cOff + 7 * ldc + L);
        } else {
            c00.intoArray(c, cOff + 0 * ldc);
            c01.intoArray(c, cOff + 0 * ldc + L);
            c10.intoArray(c, cOff + 1 * ldc);
            c11.intoArray(c, cOff + 1 * ldc + L);
            c20.intoArray(c, cOff + 2 * ldc);
            c21.intoArray(c, cOff + 2 * ldc + L);
            c30.intoArray(c, cOff + 3 * ldc);
            c31.intoArray(c, cOff + 3 * ldc + L);
            c40.intoArray(c, cOff + 4 * ldc);
            c41.intoArray(c, cOff + 4 * ldc + L);
            c50.intoArray(c, cOff + 5 * ldc);
            c51.intoArray(c, cOff + 5 * ldc + L);
            c60.intoArray(c, cOff + 6 * ldc);
            c61.intoArray(c, cOff + 6 * ldc + L);
            c70.intoArray(c, cOff + 7 * ldc);
            c71.intoArray(c, cOff + 7 * ldc + L);
        }
    }

    @Override
    public void computeRowMajorA(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] c, int cOff, int ldc,
                                 boolean accumulate) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        int r0 = aOff, r1 = aOff + lda, r2 = aOff + 2 * lda, r3 = aOff + 3 * lda;
        int r4 = aOff + 4 * lda, r5 = aOff + 5 * lda, r6 = aOff + 6 * lda, r7 = aOff + 7 * lda;
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector a0 = FloatVector.broadcast(S, a[r0 + p]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[r1 + p]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[r2 + p]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[r3 + p]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[r4 + p]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[r5 + p]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, a[r6 + p]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(S, a[r7 + p]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
        }
        if (accumulate) {
            c00.add(FloatVector.fromArray(S, c, cOff + 0 * ldc)).intoArray(c, cOff + 0 * ldc);
            c01.add(FloatVector.fromArray(S, c, cOff + 0 * ldc + L)).intoArray(c, cOff + 0 * ldc + L);
            c10.add(FloatVector.fromArray(S, c, cOff + 1 * ldc)).intoArray(c, cOff + 1 * ldc);
            c11.add(FloatVector.fromArray(S, c, cOff + 1 * ldc + L)).intoArray(c, cOff + 1 * ldc + L);
            c20.add(FloatVector.fromArray(S, c, cOff + 2 * ldc)).intoArray(c, cOff + 2 * ldc);
            c21.add(FloatVector.fromArray(S, c, cOff + 2 * ldc + L)).intoArray(c, cOff + 2 * ldc + L);
            c30.add(FloatVector.fromArray(S, c, cOff + 3 * ldc)).intoArray(c, cOff + 3 * ldc);
            c31.add(FloatVector.fromArray(S, c, cOff + 3 * ldc + L)).intoArray(c, cOff + 3 * ldc + L);
            c40.add(FloatVector.fromArray(S, c, cOff + 4 * ldc)).intoArray(c, cOff + 4 * ldc);
            c41.add(FloatVector.fromArray(S, c, cOff + 4 * ldc + L)).intoArray(c, cOff + 4 * ldc + L);
            c50.add(FloatVector.fromArray(S, c, cOff + 5 * ldc)).intoArray(c, cOff + 5 * ldc);
            c51.add(FloatVector.fromArray(S, c, cOff + 5 * ldc + L)).intoArray(c, cOff + 5 * ldc + L);
            c60.add(FloatVector.fromArray(S, c, cOff + 6 * ldc)).intoArray(c, cOff + 6 * ldc);
            c61.add(FloatVector.fromArray(S, c, cOff + 6 * ldc + L)).intoArray(c, cOff + 6 * ldc + L);
            c70.add(FloatVector.fromArray(S, c, cOff + 7 * ldc)).intoArray(c, cOff + 7 * ldc);
            c71.add(FloatVector.fromArray(S, c, cOff + 7 * ldc + L)).intoArray(c, cOff + 7 * ldc + L);
        } else {
            c00.intoArray(c, cOff + 0 * ldc);
            c01.intoArray(c, cOff + 0 * ldc + L);
            c10.intoArray(c, cOff + 1 * ldc);
            c11.intoArray(c, cOff + 1 * ldc + L);
            c20.intoArray(c, cOff + 2 * ldc);
            c21.intoArray(c, cOff + 2 * ldc + L);
            c30.intoArray(c, cOff + 3 * ldc);
            c31.intoArray(c, cOff + 3 * ldc + L);
            c40.intoArray(c, cOff + 4 * ldc);
            c41.intoArray(c, cOff + 4 * ldc + L);
            c50.intoArray(c, cOff + 5 * ldc);
            c51.intoArray(c, cOff + 5 * ldc + L);
            c60.intoArray(c, cOff + 6 * ldc);
            c61.intoArray(c, cOff + 6 * ldc + L);
            c70.intoArray(c, cOff + 7 * ldc);
            c71.intoArray(c, cOff + 7 * ldc + L);
        }
    }

    @Override
    public int packFullSliversOfB(float[] src, int srcOff, int ld, int kc, int cols, float[] dst) {
        int slivers = cols / NR;
        // Row by row, so the source streams sequentially; each row scatters 2 vectors per sliver.
        for (int p = 0; p < kc; p++) {
            int from = srcOff + p * ld;
            int to = p * NR;
            for (int t = 0; t < slivers; t++, from += NR, to += NR * kc) {
                FloatVector.fromArray(S, src, from).intoArray(dst, to);
                FloatVector.fromArray(S, src, from + L).intoArray(dst, to + L);
            }
        }
        return slivers * NR;
    }

    @Override
    public int packFullSliversOfTransposedB(float[] src, int srcOff, int ld, int kc, int cols, float[] dst) {
        int slivers = cols / NR;
        if (slivers == 0) return 0;
        // A transpose: gather one column of NR rows per k step, store it as one contiguous sliver row.
        int[] rowOffsets = new int[NR];
        for (int j = 0; j < NR; j++) rowOffsets[j] = j * ld;
        for (int t = 0; t < slivers; t++) {
            int from = srcOff + t * NR * ld;
            int to = t * NR * kc;
            for (int p = 0; p < kc; p++, to += NR) {
                FloatVector.fromArray(S, src, from + p, rowOffsets, 0).intoArray(dst, to);
                FloatVector.fromArray(S, src, from + p, rowOffsets, L).intoArray(dst, to + L);
            }
        }
        return slivers * NR;
    }
}
