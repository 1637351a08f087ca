package dev.sieve.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Checks the float erf/erfc approximation against an independent double-precision reference. */
class ErfTest {

    /** erf(x) = 2/√π · e^(-x²) · Σ 2^n x^(2n+1) / (1·3···(2n+1)): all terms positive, so no cancellation. */
    static double erfSeries(double x) {
        double x2 = x * x, term = x, sum = x;
        for (int n = 1; n < 1000 && term > 1e-18 * sum; n++) {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
        }
        return 2 / Math.sqrt(Math.PI) * Math.exp(-x2) * sum;
    }

    /** erfc(x) = e^(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), converging fast for x >= 3 (100 terms reach double precision there). */
    static double erfcContinuedFraction(double x) {
        double f = x;
        for (int k = 100; k >= 1; k--) f = x + (k / 2.0) / f;
        return Math.exp(-x * x) / (Math.sqrt(Math.PI) * f);
    }

    static double erfcRef(double x) {
        if (x < 0) return 2 - erfcRef(-x);
        return x < 3 ? 1 - erfSeries(x) : erfcContinuedFraction(x);
    }

    static double erfRef(double x) {
        double a = Math.abs(x);
        return Math.copySign(a < 3 ? erfSeries(a) : 1 - erfcContinuedFraction(a), x);
    }

    @Test
    void referenceMatchesKnownValues() {
        // mpmath at 30 digits
        assertEquals(0.52049987781304654, erfRef(0.5), 1e-15);
        assertEquals(0.0046777349810472658, erfcRef(2), 1e-12 * 0.0047); // 1 - erf(2) cancels ~3 digits
        assertEquals(1.5417257900280019e-8, erfcRef(4), 1e-14 * 1.5e-8);
        assertEquals(2.1519736712498913e-17, erfcRef(6), 1e-14 * 2.2e-17);
    }

    @Test
    void erfIsWithinOneUlpOverTheWholeRange() {
        double worst = 0;
        for (int i = -120_000; i <= 120_000; i++) {
            float x = (float) (i * 12.0 / 120_000);
            double ref = erfRef(x);
            if (ref == 0) continue;
            double rel = Math.abs(Erf.erf(x) - ref) / Math.abs(ref);
            worst = Math.max(worst, rel);
            assertTrue(FloatChecks.ulps(Erf.erf(x), (float) ref) <= 1, "erf(" + x + ") = " + Erf.erf(x) + ", reference " + ref);
        }
        assertTrue(worst < 1.2e-7, "worst relative error " + worst);
    }

    @Test
    void erfcKeepsRelativeAccuracyUntilItUnderflows() {
        // erfc is the part GELU uses for negative inputs, where its value is tiny: relative error matters.
        for (int i = -120_000; i <= 120_000; i++) {
            float x = (float) (i * 12.0 / 120_000);
            double ref = erfcRef(x);
            float got = Erf.erfc(x);
            if (ref >= Float.MIN_NORMAL) {
                assertTrue(Math.abs(got - ref) <= 4e-7 * ref, "erfc(" + x + ") = " + got + ", reference " + ref);
            } else {
                // subnormal results have a fixed absolute spacing, so only an absolute bound makes sense
                assertTrue(Math.abs(got - ref) <= 4 * Float.MIN_VALUE, "erfc(" + x + ") = " + got + " in the subnormal tail, reference " + ref);
            }
        }
    }

    @Test
    void specialValues() {
        assertEquals(0f, Erf.erf(0f));
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(Erf.erf(-0f)));
        assertEquals(1f, Erf.erf(Float.POSITIVE_INFINITY));
        assertEquals(-1f, Erf.erf(Float.NEGATIVE_INFINITY));
        assertEquals(0f, Erf.erfc(Float.POSITIVE_INFINITY));
        assertEquals(2f, Erf.erfc(Float.NEGATIVE_INFINITY));
        assertEquals(1f, Erf.erfc(0f));
        assertTrue(Float.isNaN(Erf.erf(Float.NaN)));
        assertTrue(Float.isNaN(Erf.erfc(Float.NaN)));
        // odd symmetry exactly
        for (float x : new float[] {0.3f, 0.921875f, 0.93f, 2.5f, 7f}) assertEquals(-Erf.erf(x), Erf.erf(-x));
    }
}
