package dev.sieve.kernel.panama;

import dev.sieve.kernel.conv.ConvKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API {@link ConvKernels}. The GEMM tile is GemmMicroKernel4x2v's 4 x 2-vector register block
 * (8 accumulators, see there why not more) reading B in place, row by row, instead of from a packed
 * sliver: convolution's B (an im2col matrix or an output gradient) is small enough to stay in L2, so
 * packing it would only add a copy. Max pooling gathers each window tap for a vector of outputs, so
 * choosing the maximum is a compare and blend instead of an unpredictable branch.
 */
public final class PanamaConvKernels implements ConvKernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED.vectorBitSize() > 512 ? FloatVector.SPECIES_512 : FloatVector.SPECIES_PREFERRED;
    static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, S.vectorShape());
    static final int L = S.length();
    static final int MR = 4;
    static final int NR = 2 * L;

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
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        int r0 = aOff, r1 = aOff + lda, r2 = aOff + 2 * lda, r3 = aOff + 3 * lda;
        for (int p = 0, bi = bOff; p < k; p++, bi += ldb) {
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
        }
        if (accumulate) {
            c00.add(FloatVector.fromArray(S, c, cOff)).intoArray(c, cOff);
            c01.add(FloatVector.fromArray(S, c, cOff + L)).intoArray(c, cOff + L);
            c10.add(FloatVector.fromArray(S, c, cOff + ldc)).intoArray(c, cOff + ldc);
            c11.add(FloatVector.fromArray(S, c, cOff + ldc + L)).intoArray(c, cOff + ldc + L);
            c20.add(FloatVector.fromArray(S, c, cOff + 2 * ldc)).intoArray(c, cOff + 2 * ldc);
            c21.add(FloatVector.fromArray(S, c, cOff + 2 * ldc + L)).intoArray(c, cOff + 2 * ldc + L);
            c30.add(FloatVector.fromArray(S, c, cOff + 3 * ldc)).intoArray(c, cOff + 3 * ldc);
            c31.add(FloatVector.fromArray(S, c, cOff + 3 * ldc + L)).intoArray(c, cOff + 3 * ldc + L);
        } else {
            c00.intoArray(c, cOff);
            c01.intoArray(c, cOff + L);
            c10.intoArray(c, cOff + ldc);
            c11.intoArray(c, cOff + ldc + L);
            c20.intoArray(c, cOff + 2 * ldc);
            c21.intoArray(c, cOff + 2 * ldc + L);
            c30.intoArray(c, cOff + 3 * ldc);
            c31.intoArray(c, cOff + 3 * ldc + L);
        }
    }

    @Override
    public void maxPoolInside(float[] x, int xOff, int inPlane, int[] window, int[] taps, int outPlane, int p0, int p1, boolean relu,
                              float[] out, int outOff, int[] argmax, int argOff) {
        int t0 = taps[0], first = relu ? 0 : 1;
        for (int p = p0; p < p1; p++) {
            int plane = xOff + p * inPlane, o = outOff + p * outPlane, a = argOff + p * outPlane;
            for (int q = 0; q < outPlane; q += L) {
                IntVector base = IntVector.fromArray(I, window, q);
                FloatVector best;
                IntVector at;
                if (relu) {
                    best = FloatVector.zero(S);
                    at = IntVector.broadcast(I, -1);
                } else {
                    best = FloatVector.fromArray(S, x, plane + t0, window, q);
                    at = base.add(t0);
                }
                for (int t = first; t < taps.length; t++) {
                    int tap = taps[t];
                    FloatVector v = FloatVector.fromArray(S, x, plane + tap, window, q);
                    VectorMask<Float> wins = v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v));
                    best = best.blend(v, wins);
                    at = at.blend(base.add(tap), wins.cast(I));
                }
                if (q + L <= outPlane) {
                    best.intoArray(out, o + q);
                    at.intoArray(argmax, a + q);
                } else {
                    VectorMask<Float> live = S.indexInRange(q, outPlane);
                    best.intoArray(out, o + q, live);
                    at.intoArray(argmax, a + q, live.cast(I));
                }
            }
        }
    }

    @Override
    public void reluMaxOfBlocks(float[] c, int cOff, int stride, int blocks, int n, float[] out, int outOff, int[] code, int codeOff) {
        IntVector none = IntVector.broadcast(I, -1);
        int q = 0;
        for (; q + L <= n; q += L) {
            FloatVector best = FloatVector.zero(S);
            IntVector at = none;
            for (int b = 0; b < blocks; b++) {
                FloatVector v = FloatVector.fromArray(S, c, cOff + b * stride + q);
                VectorMask<Float> wins = v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v));
                best = best.blend(v, wins);
                at = at.blend(b, wins.cast(I));
            }
            best.intoArray(out, outOff + q);
            at.intoArray(code, codeOff + q);
        }
        for (; q < n; q++) {
            float best = 0f;
            int at = -1;
            for (int b = 0; b < blocks; b++) {
                float v = c[cOff + b * stride + q];
                if (v > best || v != v) {
                    best = v;
                    at = b;
                }
            }
            out[outOff + q] = best;
            code[codeOff + q] = at;
        }
    }
}
