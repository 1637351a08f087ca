package dev.sieve.kernel.panama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.kernel.Erf;
import dev.sieve.kernel.FloatChecks;
import org.junit.jupiter.api.Test;

class VectorFunctionsTest {

    /** The vector erfc must be the scalar Erf.erfc lane by lane, up to the exp it calls. */
    @Test
    void vectorErfcMatchesScalar() {
        int n = 400_001;
        float[] x = new float[n], out = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (-12 + 24.0 * i / (n - 1));
        VectorFunctions.erfc(x, 0, out, 0, n, new float[VectorFunctions.BLOCK], 0);
        for (int i = 0; i < n; i++) {
            // exp here and (float) Math.exp in Erf are each within 1 ulp; erfc multiplies by it once and
            // rounds twice more, so the two may end up to 3 ulps apart
            long d = FloatChecks.ulps(Erf.erfc(x[i]), out[i]);
            boolean subnormal = Math.abs(out[i]) < Float.MIN_NORMAL;
            assertTrue(d <= 3 || (subnormal && d <= 8), "erfc(" + x[i] + "): scalar " + Erf.erfc(x[i]) + " vector " + out[i]);
        }
    }

    /**
     * The reason these functions exist: the same input gives the same bits whether the loop runs
     * interpreted, in C1 or in C2. The first calls run before any compilation, the later ones after.
     */
    @Test
    void resultsDoNotChangeWhenTheJitCompiles() {
        float[] x = new float[4099];
        java.util.SplittableRandom r = new java.util.SplittableRandom(17);
        for (int i = 0; i < x.length; i++) x[i] = (float) (40 * r.nextDouble() - 20);
        float[] s = new float[2 * VectorFunctions.BLOCK];
        float[] first = run(x, s), later = null;
        for (int i = 0; i < 300; i++) later = run(x, s);
        assertArrayEquals(first, later);
    }

    private static float[] run(float[] x, float[] s) {
        int n = x.length;
        float[] out = new float[6 * n];
        VectorFunctions.exp(x, 0, out, 0, n);
        VectorFunctions.log(x, 0, out, n, n);
        VectorFunctions.tanh(x, 0, out, 2 * n, n, s);
        VectorFunctions.sigmoid(x, 0, out, 3 * n, n, s);
        VectorFunctions.geluErf(x, 0, out, 4 * n, n, s);
        VectorFunctions.geluTanh(x, 0, out, 5 * n, n, s);
        return out;
    }

    @Test
    void reductionsOverOneVectorAndAPartialOne() {
        for (int n : new int[] {VectorReductions.L, VectorReductions.L + 3}) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) x[i] = i + 1;
            assertEquals(n * (n + 1) / 2f, VectorReductions.sum(x, 0, n));
            assertEquals(n, VectorReductions.max(x, 0, n));
        }
    }
}
