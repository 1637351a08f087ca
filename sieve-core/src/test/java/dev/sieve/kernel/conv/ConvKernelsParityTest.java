package dev.sieve.kernel.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sieve.kernel.VectorizationProvider;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The provider's ConvKernels against ScalarConvKernels, and RowMajorGemm against a plain triple loop, on awkward shapes. */
class ConvKernelsParityTest {
    private static final ConvKernels FAST = VectorizationProvider.get().kernels(ConvKernels.class);
    private static final ConvKernels SCALAR = new ScalarConvKernels();
    private static final int[] SIZES = {1, 3, 4, 5, 7, 16, 17, 33};

    private static float[] random(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (r.nextDouble() * 2 - 1);
        return v;
    }

    @Test
    void rowMajorGemmMatchesTripleLoopForEveryKernel() {
        for (ConvKernels kern : new ConvKernels[] {FAST, SCALAR}) {
            for (int m : SIZES) for (int n : SIZES) for (int k : new int[] {0, 1, 5, 33, 300, 600}) {
                for (boolean acc : new boolean[] {false, true}) {
                    int lda = k + 3, ldb = n + 2, ldc = n + 5, aOff = 7, bOff = 2, cOff = 4;
                    float[] a = random(m * 31L + k, aOff + m * lda), b = random(n * 17L + k, bOff + Math.max(1, k) * ldb);
                    float[] c = random(99, cOff + m * ldc);
                    float[] want = c.clone();
                    for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) {
                        double s = 0;
                        for (int p = 0; p < k; p++) s += (double) a[aOff + i * lda + p] * b[bOff + p * ldb + j];
                        want[cOff + i * ldc + j] = (float) ((acc ? want[cOff + i * ldc + j] : 0) + s);
                    }
                    RowMajorGemm.multiply(kern, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, acc);
                    for (int i = 0; i < c.length; i++) {
                        assertEquals(want[i], c[i], 1e-4 * Math.max(1, Math.sqrt(k)),
                                kern.getClass().getSimpleName() + " m=" + m + " n=" + n + " k=" + k + " acc=" + acc + " at " + i);
                    }
                }
            }
        }
    }

    @Test
    void maxPoolInsideMatchesScalar() {
        // 3 planes of 9x11, 2x3 windows with stride (2, 2) and dilation (1, 2): 4 x 4 outputs
        int h = 9, w = 11, outH = 4, outW = 4, planes = 3;
        int[] window = new int[64];
        for (int oy = 0, q = 0; oy < outH; oy++) for (int ox = 0; ox < outW; ox++, q++) window[q] = 2 * oy * w + 2 * ox;
        int[] taps = {0, 2, 4, w, w + 2, w + 4};
        float[] x = random(5, 2 + planes * h * w);
        x[2 + 30] = Float.NaN;
        x[2 + 13] = x[2 + 15]; // a tie
        for (boolean relu : new boolean[] {false, true}) {
            float[] o1 = new float[1 + planes * 16], o2 = new float[1 + planes * 16];
            int[] a1 = new int[1 + planes * 16], a2 = new int[1 + planes * 16];
            FAST.maxPoolInside(x, 2, h * w, window, taps, outH * outW, 0, planes, relu, o1, 1, a1, 1);
            SCALAR.maxPoolInside(x, 2, h * w, window, taps, outH * outW, 0, planes, relu, o2, 1, a2, 1);
            assertArrayEquals(o2, o1, "values, relu " + relu);
            assertArrayEquals(a2, a1, "argmax, relu " + relu);
        }
    }
}
