package dev.sieve.kernel;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;

/** Float comparison and sample generation shared by the kernel parity tests. */
public final class FloatChecks {
    /** Unit roundoff of float: the relative error of one correctly rounded operation. */
    public static final double U = Math.ulp(1f) / 2;

    private FloatChecks() {}

    /** Distance in representable floats (NaN equals NaN, -0 equals +0); MAX_VALUE if one is NaN and the other is not. */
    public static long ulps(float a, float b) {
        if (Float.isNaN(a) || Float.isNaN(b)) return Float.isNaN(a) && Float.isNaN(b) ? 0 : Long.MAX_VALUE;
        return Math.abs(ordered(a) - ordered(b));
    }

    private static long ordered(float f) {
        int bits = Float.floatToRawIntBits(f);
        return bits >= 0 ? bits : -(long) (bits & 0x7fffffff);
    }

    /** Same bits, except that all NaNs are equal. */
    public static void assertSameBits(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                fail(what + ": index " + i + " expected " + expected[i] + " got " + actual[i]);
            }
        }
    }

    /** Every element within {@code maxUlps} representable floats of the reference. */
    public static void assertUlps(float[] expected, float[] actual, long maxUlps, String what, float[] inputs, int inputOff, int outOff) {
        for (int i = 0; i < expected.length; i++) {
            long d = ulps(expected[i], actual[i]);
            if (d > maxUlps) {
                int k = i - outOff;
                String in = inputs != null && k >= 0 && inputOff + k < inputs.length ? " for input " + inputs[inputOff + k] : "";
                fail(what + ": index " + i + in + " expected " + expected[i] + " got " + actual[i] + " (" + d + " ulps > " + maxUlps + ")");
            }
        }
    }

    /** |expected - actual| <= tol, NaN matching NaN and equal infinities matching. */
    public static void assertWithin(double expected, double actual, double tol, String what) {
        if (Double.isNaN(expected) && Double.isNaN(actual)) return;
        if (expected == actual) return;
        if (!(Math.abs(expected - actual) <= tol)) {
            fail(what + ": expected " + expected + " got " + actual + " (difference " + Math.abs(expected - actual) + " > " + tol + ")");
        }
    }

    /** Run lengths that stress the vector loop: empty, one, below/at/above the lane count, odd, long. */
    public static int[] awkwardSizes(int lanes) {
        return new int[] {0, 1, 2, 7, lanes - 1, lanes, lanes + 1, 2 * lanes + 3, 4 * lanes - 1, 4 * lanes + 1, 33, 100, 1000};
    }

    /**
     * Mostly normal values at a few scales (seeded), with edge cases mixed in at random positions when
     * {@code specials} is set: signed zeros, tiny and subnormal values, ±100 and the float exp
     * overflow/underflow borders, huge values, infinities and NaN.
     */
    public static float[] samples(long seed, int n, boolean specials) {
        float[] edge = {0f, -0f, 1f, -1f, 100f, -100f, 88.7f, 88.73f, -87.3f, -103.9f, 1e-30f, -1e-30f, 1e-40f,
                Float.MIN_VALUE, 3e38f, -3e38f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 10f, -10f, 5.5f, -5.5f};
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double kind = r.nextDouble();
            if (specials && kind < 0.15) {
                x[i] = edge[r.nextInt(edge.length)];
            } else if (kind < 0.5) {
                x[i] = (float) gaussian(r);
            } else if (kind < 0.8) {
                x[i] = (float) (5 * gaussian(r));
            } else {
                x[i] = (float) (200 * r.nextDouble() - 100);
            }
        }
        return x;
    }

    public static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble(), u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** A copy of {@code x} placed at {@code off} inside a larger array filled with a sentinel. */
    public static float[] embed(float[] x, int off, int slack, float sentinel) {
        float[] a = new float[off + x.length + slack];
        java.util.Arrays.fill(a, sentinel);
        System.arraycopy(x, 0, a, off, x.length);
        return a;
    }
}
