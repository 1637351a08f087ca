package dev.sieve.kernel;

import static dev.sieve.kernel.FloatChecks.assertSameBits;
import static dev.sieve.kernel.FloatChecks.assertUlps;
import static dev.sieve.kernel.FloatChecks.awkwardSizes;
import static dev.sieve.kernel.FloatChecks.embed;
import static dev.sieve.kernel.FloatChecks.samples;
import static dev.sieve.kernel.KernelPair.FAST;
import static dev.sieve.kernel.KernelPair.LANES;
import static dev.sieve.kernel.KernelPair.REF;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Vector API elementwise kernels against the scalar reference. Inputs and outputs sit at odd offsets
 * inside sentinel-filled arrays, so a masked tail that reads or writes past its run is caught.
 */
class DenseKernelsParityTest {
    private static final float SENTINEL = -12345.5f;
    private static final int IN_OFF = 3, OUT_OFF = 5, SLACK = 2 * 16 + 1;

    @BeforeAll
    static void vectorized() {
        KernelPair.requireVectorized();
    }

    /** IEEE add/sub/mul/div/max/min are exactly rounded, so the two implementations must agree bit for bit. */
    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryMatchesExactly(BinaryOp op) {
        for (int n : awkwardSizes(LANES)) {
            float[] a = embed(samples(n, n, true), IN_OFF, SLACK, SENTINEL);
            float[] b = embed(samples(1000 + n, n, true), IN_OFF + 1, SLACK, SENTINEL);
            float[] want = new float[OUT_OFF + n + SLACK], got = new float[want.length];
            java.util.Arrays.fill(want, SENTINEL);
            java.util.Arrays.fill(got, SENTINEL);
            REF.dense().binary(op, a, IN_OFF, b, IN_OFF + 1, want, OUT_OFF, n);
            FAST.dense().binary(op, a, IN_OFF, b, IN_OFF + 1, got, OUT_OFF, n);
            assertSameBits(want, got, op + " run-run n=" + n);

            for (float s : new float[] {2.5f, -0f, 0f, Float.NaN, Float.POSITIVE_INFINITY}) {
                java.util.Arrays.fill(want, SENTINEL);
                java.util.Arrays.fill(got, SENTINEL);
                REF.dense().binaryRunScalar(op, a, IN_OFF, s, want, OUT_OFF, n);
                FAST.dense().binaryRunScalar(op, a, IN_OFF, s, got, OUT_OFF, n);
                assertSameBits(want, got, op + " run-scalar(" + s + ") n=" + n);
                java.util.Arrays.fill(want, SENTINEL);
                java.util.Arrays.fill(got, SENTINEL);
                REF.dense().binaryScalarRun(op, s, b, IN_OFF + 1, want, OUT_OFF, n);
                FAST.dense().binaryScalarRun(op, s, b, IN_OFF + 1, got, OUT_OFF, n);
                assertSameBits(want, got, op + " scalar(" + s + ")-run n=" + n);
            }
        }
    }

    @Test
    void binaryWorksInPlace() {
        float[] a = samples(7, 37, false), b = samples(8, 37, false);
        float[] want = new float[37];
        REF.dense().add(a, 0, b, 0, want, 0, 37);
        FAST.dense().add(a, 0, b, 0, a, 0, 37);
        assertSameBits(want, a, "in-place add");
    }

    /**
     * Allowed distance, in ulps, from the reference (which is computed in double and rounded once, so
     * within 0.5 ulp of the exact value). EXP/LOG/TANH: the vector functions are designed to 1 ulp (a
     * degree-7 exp polynomial, a fast-converging atanh series, a fitted tanh polynomial). SIGMOID: 1 + e,
     * a division and a product each round once on top of exp: 3. GELU_ERF: the same float formula as the
     * reference except for exp (1 ulp apart), whose difference three later roundings can each widen by
     * up to one ulp: 4.
     */
    private static long allowedUlps(UnaryOp op, float x) {
        return switch (op) {
            case NEG, SQRT, RELU -> 0; // exact, or correctly rounded in both (double rounding of sqrt is innocuous)
            case EXP, LOG, TANH -> 1;
            case SIGMOID -> 3;
            case GELU_ERF -> 4;
            // u = x·(c0 + c1·x²) is evaluated in float (about 3 roundings, including the constants), and an
            // error δ in u becomes a relative error |2u|·δ in e^(-2u), which dominates x·sigmoid(2u) for
            // x < 0. So the bound grows with |u|: 4 ulps for the final operations plus 3·|2u| (capped where the
            // result is 0 or x anyway). Measured: at most 2.5·|2u| + 1.
            case GELU_TANH -> {
                double u = Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x);
                yield 4 + (long) Math.ceil(Math.min(3 * Math.abs(2 * u), 1e6));
            }
        };
    }

    /**
     * Absolute slack for results that pass through a subnormal: for x below about -12.9, erfc(-x/√2) is
     * subnormal, where floats are spaced by MIN_VALUE whatever their size; one rounding there (exp
     * differs by an ulp) is then scaled by 0.5·|x|. Everything else is held to ulps alone.
     */
    private static double subnormalSlack(UnaryOp op, float x) {
        return op == UnaryOp.GELU_ERF ? 2 * Math.abs(x) * Float.MIN_VALUE : 0;
    }

    private static boolean close(UnaryOp op, float x, float want, float got) {
        return FloatChecks.ulps(want, got) <= allowedUlps(op, x) || Math.abs(want - got) <= subnormalSlack(op, x);
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryMatchesReference(UnaryOp op) {
        for (int n : awkwardSizes(LANES)) {
            float[] x = embed(samples(31 * n + op.ordinal(), n, true), IN_OFF, SLACK, SENTINEL);
            float[] want = new float[OUT_OFF + n + SLACK], got = new float[want.length];
            java.util.Arrays.fill(want, SENTINEL);
            java.util.Arrays.fill(got, SENTINEL);
            REF.dense().unary(op, x, IN_OFF, want, OUT_OFF, n);
            FAST.dense().unary(op, x, IN_OFF, got, OUT_OFF, n);
            for (int i = 0; i < want.length; i++) {
                int k = i - OUT_OFF;
                boolean inside = k >= 0 && k < n;
                boolean ok = inside ? close(op, x[IN_OFF + k], want[i], got[i]) : FloatChecks.ulps(want[i], got[i]) == 0;
                long d = FloatChecks.ulps(want[i], got[i]);
                assertTrue(ok, op + " n=" + n + " index " + k + (inside ? " input " + x[IN_OFF + k] : " (outside the run)")
                        + ": reference " + want[i] + " fast " + got[i] + " (" + d + " ulps)");
            }
        }
    }

    /** Dense sweeps over the ranges where the functions bend, so a bad polynomial piece cannot hide between samples. */
    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unarySweep(UnaryOp op) {
        int n = 120_001;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (-30 + 60.0 * i / (n - 1));
        float[] want = new float[n], got = new float[n];
        REF.dense().unary(op, x, 0, want, 0, n);
        FAST.dense().unary(op, x, 0, got, 0, n);
        for (int i = 0; i < n; i++) {
            long d = FloatChecks.ulps(want[i], got[i]);
            assertTrue(close(op, x[i], want[i], got[i]), op + "(" + x[i] + "): reference " + want[i] + " fast " + got[i] + " (" + d + " ulps)");
        }
    }

    @Test
    void unaryEdgeValuesAreExact() {
        float inf = Float.POSITIVE_INFINITY;
        check(UnaryOp.EXP, new float[] {0f, -inf, inf, 100f, -200f}, new float[] {1f, 0f, inf, inf, 0f});
        check(UnaryOp.LOG, new float[] {0f, -0f, 1f, inf}, new float[] {-inf, -inf, 0f, inf});
        check(UnaryOp.SIGMOID, new float[] {0f, 100f, -200f, inf, -inf}, new float[] {0.5f, 1f, 0f, 1f, 0f});
        check(UnaryOp.TANH, new float[] {0f, 100f, -100f}, new float[] {0f, 1f, -1f});
        check(UnaryOp.RELU, new float[] {-3f, 2f, 0f}, new float[] {0f, 2f, 0f});
        check(UnaryOp.GELU_ERF, new float[] {0f, 100f, inf}, new float[] {0f, 100f, inf});
        check(UnaryOp.GELU_TANH, new float[] {0f, 100f, -100f, inf}, new float[] {0f, 100f, -0f, inf});
        for (UnaryOp op : UnaryOp.values()) {
            float[] got = new float[1];
            FAST.dense().unary(op, new float[] {Float.NaN}, 0, got, 0, 1);
            assertTrue(Float.isNaN(got[0]), op + "(NaN) = " + got[0]);
        }
        float[] negLog = new float[1], negSqrt = new float[1];
        FAST.dense().unary(UnaryOp.LOG, new float[] {-1f}, 0, negLog, 0, 1);
        FAST.dense().unary(UnaryOp.SQRT, new float[] {-1f}, 0, negSqrt, 0, 1);
        assertTrue(Float.isNaN(negLog[0]) && Float.isNaN(negSqrt[0]), "log(-1) and sqrt(-1) are NaN");
    }

    private static void check(UnaryOp op, float[] x, float[] expected) {
        for (VectorizationProvider p : new VectorizationProvider[] {REF, FAST}) {
            float[] got = new float[x.length];
            p.dense().unary(op, x, 0, got, 0, x.length);
            assertUlps(expected, got, 0, op + " on " + p.name(), x, 0, 0);
        }
    }
}
