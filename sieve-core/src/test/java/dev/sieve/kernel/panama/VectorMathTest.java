package dev.sieve.kernel.panama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.kernel.Erf;
import dev.sieve.kernel.FloatChecks;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** The vector erfc must be the scalar Erf.erfc lane by lane, up to the exp it calls. */
class VectorMathTest {

    @Test
    void vectorErfcMatchesScalar() {
        int lanes = VectorMath.L;
        float[] x = new float[lanes], out = new float[lanes];
        for (int i = -200_000; i <= 200_000; i += lanes) {
            for (int l = 0; l < lanes; l++) x[l] = (float) ((i + l) * 12.0 / 200_000);
            VectorMath.erfc(FloatVector.fromArray(VectorMath.S, x, 0)).intoArray(out, 0);
            for (int l = 0; l < lanes; l++) {
                // Only exp differs (lanewise EXP vs Math.exp, 1 ulp apart at most), and erfc multiplies by it once.
                long d = FloatChecks.ulps(Erf.erfc(x[l]), out[l]);
                assertTrue(d <= 2, "erfc(" + x[l] + "): scalar " + Erf.erfc(x[l]) + " vector " + out[l]);
            }
        }
    }

    @Test
    void laneSumsAreExactForIntegers() {
        float[] x = new float[VectorMath.L];
        for (int i = 0; i < x.length; i++) x[i] = i + 1;
        assertEquals(x.length * (x.length + 1) / 2f, VectorMath.sumLanes(FloatVector.fromArray(VectorMath.S, x, 0)));
        assertEquals(x.length, VectorMath.maxLanes(FloatVector.fromArray(VectorMath.S, x, 0)));
    }
}
