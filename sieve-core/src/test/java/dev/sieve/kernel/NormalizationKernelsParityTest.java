package dev.sieve.kernel;

import static dev.sieve.kernel.FloatChecks.U;
import static dev.sieve.kernel.FloatChecks.awkwardSizes;
import static dev.sieve.kernel.FloatChecks.embed;
import static dev.sieve.kernel.FloatChecks.gaussian;
import static dev.sieve.kernel.FloatChecks.samples;
import static dev.sieve.kernel.KernelPair.FAST;
import static dev.sieve.kernel.KernelPair.LANES;
import static dev.sieve.kernel.KernelPair.REF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Softmax, log-softmax and layer norm against the double-precision reference. Each bound comes from
 * the float operations the fast kernel performs; u is the float unit roundoff.
 */
class NormalizationKernelsParityTest {
    private static final float SENTINEL = -777f;
    private static final int IN_OFF = 1, OUT_OFF = 4, SLACK = 40;

    @BeforeAll
    static void vectorized() {
        KernelPair.requireVectorized();
    }

    /** Relative error of the fast kernel's float sum of n positive terms (see the reductions test). */
    private static double sumError(int n) {
        return (n / (double) LANES + 4) * U;
    }

    private static float[] fresh(int n) {
        float[] a = new float[OUT_OFF + n + SLACK];
        Arrays.fill(a, SENTINEL);
        return a;
    }

    private static void assertOutsideUntouched(float[] out, int n, String what) {
        for (int i = 0; i < out.length; i++) {
            if (i < OUT_OFF || i >= OUT_OFF + n) assertEquals(SENTINEL, out[i], what + ": wrote outside the run at " + i);
        }
    }

    /**
     * e_i = exp(x_i - max): the float subtraction rounds (relative u, so |x_i - max|·u absolute in the
     * exponent), exp adds 1 ulp; the sum of the e_i is off by sumError relative; one division. So per
     * element the relative error is at most |x_i - max|·u + sumError + 3u.
     */
    @Test
    void softmaxAgrees() {
        for (int n : awkwardSizes(LANES)) {
            for (int seed = 0; seed < 3; seed++) {
                float[] x = embed(samples(seed * 31L + n, n, false), IN_OFF, SLACK, SENTINEL);
                float[] want = fresh(n), got = fresh(n);
                REF.normalization().softmax(x, IN_OFF, want, OUT_OFF, n);
                FAST.normalization().softmax(x, IN_OFF, got, OUT_OFF, n);
                assertOutsideUntouched(got, n, "softmax n=" + n);
                float max = REF.reductions().max(x, IN_OFF, n);
                for (int i = 0; i < n; i++) {
                    double rel = Math.abs(x[IN_OFF + i] - max) * U + sumError(n) + 3 * U;
                    double tol = rel * want[OUT_OFF + i] + Float.MIN_VALUE; // results may be subnormal
                    assertTrue(Math.abs(want[OUT_OFF + i] - got[OUT_OFF + i]) <= tol,
                            "softmax n=" + n + " i=" + i + ": reference " + want[OUT_OFF + i] + " fast " + got[OUT_OFF + i]);
                }
            }
        }
    }

    /**
     * out_i = (x_i - max) - log(sum): the first difference rounds (u relative), log(sum) is off by
     * sumError absolute (d log s = ds/s) plus 1 ulp for log and u for rounding, and the final
     * subtraction rounds once more.
     */
    @Test
    void logSoftmaxAgrees() {
        for (int n : awkwardSizes(LANES)) {
            for (int seed = 0; seed < 3; seed++) {
                float[] x = embed(samples(seed * 37L + n, n, false), IN_OFF, SLACK, SENTINEL);
                float[] want = fresh(n), got = fresh(n);
                REF.normalization().logSoftmax(x, IN_OFF, want, OUT_OFF, n);
                FAST.normalization().logSoftmax(x, IN_OFF, got, OUT_OFF, n);
                assertOutsideUntouched(got, n, "logSoftmax n=" + n);
                float max = REF.reductions().max(x, IN_OFF, n);
                for (int i = 0; i < n; i++) {
                    double shifted = Math.abs(x[IN_OFF + i] - max);
                    double logSum = Math.abs(want[OUT_OFF + i]) + shifted; // |log sum| <= |out| + |x - max|
                    double tol = shifted * U + sumError(n) + 3 * U * logSum + U * Math.abs(want[OUT_OFF + i]);
                    assertTrue(Math.abs(want[OUT_OFF + i] - got[OUT_OFF + i]) <= tol,
                            "logSoftmax n=" + n + " i=" + i + ": reference " + want[OUT_OFF + i] + " fast " + got[OUT_OFF + i]);
                }
            }
        }
    }

    @Test
    void softmaxOfExtremeRows() {
        int n = 2 * LANES + 1;
        float[] big = new float[n];
        for (int i = 0; i < n; i++) big[i] = 1000f + i; // would overflow exp without subtracting the max
        float[] out = new float[n];
        FAST.normalization().softmax(big, 0, out, 0, n);
        double total = 0;
        for (float v : out) total += v;
        assertEquals(1.0, total, 1e-6);
        assertTrue(out[n - 1] > out[n - 2]);

        float[] oneHot = new float[n];
        Arrays.fill(oneHot, -100f);
        oneHot[3] = 100f;
        FAST.normalization().softmax(oneHot, 0, out, 0, n);
        assertEquals(1f, out[3]);

        float[] nan = new float[n];
        nan[n - 1] = Float.NaN;
        FAST.normalization().softmax(nan, 0, out, 0, n);
        for (float v : out) assertTrue(Float.isNaN(v), "a NaN anywhere makes the row NaN, as PyTorch");
    }

    /**
     * Error budget for out_i = (x_i - mean)·rstd·g_i + b_i, with the fast kernel's float mean and variance:
     * mean is off by dMean = sumError·Σ|x|/n absolute; var = mean((x - mean)²) by sumError + 3u relative
     * plus 2·dMean²-order terms, so rstd by half that plus 2u; the normalise-scale-shift adds 3 roundings.
     */
    @Test
    void layerNormAgrees() {
        SplittableRandom r = new SplittableRandom(5);
        for (int n : awkwardSizes(LANES)) {
            if (n == 0) continue;
            for (int variant = 0; variant < 4; variant++) {
                boolean withGamma = (variant & 1) != 0, withBeta = (variant & 2) != 0;
                float[] raw = new float[n], gammaRaw = new float[n], betaRaw = new float[n];
                for (int i = 0; i < n; i++) {
                    raw[i] = (float) (2 + 3 * gaussian(r));
                    gammaRaw[i] = (float) (1 + 0.5 * gaussian(r));
                    betaRaw[i] = (float) gaussian(r);
                }
                float[] x = embed(raw, IN_OFF, SLACK, SENTINEL);
                float[] gamma = withGamma ? embed(gammaRaw, 2, SLACK, SENTINEL) : null;
                float[] beta = withBeta ? embed(betaRaw, 3, SLACK, SENTINEL) : null;
                float[] want = fresh(n), got = fresh(n);
                float eps = 1e-5f;
                REF.normalization().layerNorm(x, IN_OFF, gamma, 2, beta, 3, eps, want, OUT_OFF, n);
                FAST.normalization().layerNorm(x, IN_OFF, gamma, 2, beta, 3, eps, got, OUT_OFF, n);
                assertOutsideUntouched(got, n, "layerNorm n=" + n);

                double mean = 0, abs = 0, var = 0;
                for (float v : raw) {
                    mean += v;
                    abs += Math.abs(v);
                }
                mean /= n;
                for (float v : raw) var += (v - mean) * (v - mean);
                var /= n;
                double rstd = 1 / Math.sqrt(var + eps);
                double dMean = sumError(n) * abs / n + U * Math.abs(mean);
                double dRstdRel = sumError(n) + 4 * U + dMean * dMean * rstd * rstd;
                for (int i = 0; i < n; i++) {
                    double g = withGamma ? Math.abs(gammaRaw[i]) : 1;
                    double y = Math.abs(raw[i] - mean) * rstd;
                    double tol = g * (y * (dRstdRel + 3 * U) + dMean * rstd) + U * Math.abs(want[OUT_OFF + i]) + U * (withBeta ? Math.abs(betaRaw[i]) : 0);
                    assertTrue(Math.abs(want[OUT_OFF + i] - got[OUT_OFF + i]) <= tol,
                            "layerNorm n=" + n + " variant " + variant + " i=" + i + ": reference " + want[OUT_OFF + i] + " fast " + got[OUT_OFF + i] + " tol " + tol);
                }
            }
        }
    }

    @Test
    void layerNormOfAConstantRowIsZeroNotNaN() {
        for (VectorizationProvider p : new VectorizationProvider[] {REF, FAST}) {
            float[] x = new float[LANES + 3];
            Arrays.fill(x, 4.25f);
            float[] out = new float[x.length];
            p.normalization().layerNorm(x, 0, null, 0, null, 0, 1e-5f, out, 0, x.length);
            for (float v : out) assertEquals(0f, v, p.name());
        }
    }

    @Test
    void inPlaceEqualsOutOfPlace() {
        for (VectorizationProvider p : new VectorizationProvider[] {REF, FAST}) {
            float[] x = samples(3, 45, false), want = new float[45];
            p.normalization().softmax(x, 0, want, 0, 45);
            p.normalization().softmax(x, 0, x, 0, 45);
            FloatChecks.assertSameBits(want, x, "in-place softmax, " + p.name());
            x = samples(4, 45, false);
            p.normalization().layerNorm(x, 0, null, 0, null, 0, 1e-5f, want, 0, 45);
            p.normalization().layerNorm(x, 0, null, 0, null, 0, 1e-5f, x, 0, 45);
            FloatChecks.assertSameBits(want, x, "in-place layerNorm, " + p.name());
            x = samples(5, 45, false);
            p.normalization().logSoftmax(x, 0, want, 0, 45);
            p.normalization().logSoftmax(x, 0, x, 0, 45);
            FloatChecks.assertSameBits(want, x, "in-place logSoftmax, " + p.name());
        }
    }
}
